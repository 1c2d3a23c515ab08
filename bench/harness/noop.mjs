// A bare Node start (the cold-open note compares the CLI's start-up with it).
process.stdout.write('FIRST_ROWS\n')
