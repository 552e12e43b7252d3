from heluo.cli import main

main()
