"""The quiz engine: what is asked, how answers are graded and scored. No I/O, no UI."""
