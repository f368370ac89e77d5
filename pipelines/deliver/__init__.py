"""Delivering the monthly report to its readers: by e-mail, once per month and report version."""
