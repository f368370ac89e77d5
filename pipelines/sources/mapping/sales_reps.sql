select * from reps
