// Plain Node start-up: the baseline that tsx's own start-up is measured against.
process.stdout.write('FIRST_ROWS\n')
