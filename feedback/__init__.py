"""What residents tell the program about police interactions, and moderating it."""
