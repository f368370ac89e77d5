select * from lines
