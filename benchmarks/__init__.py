"""Heluo's benchmarks (`make bench`). Each compares side by side in one run and prints a table row;
figures are recorded in docs/benchmarks.md with the date and the command."""
