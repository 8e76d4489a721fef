process.stdout.write('flowbench cli: coming\n');
