// Node + tsx start-up with nothing to load: subtracted from the app children that run through tsx.
process.stdout.write('FIRST_ROWS\n')
