from finepr.cli import main

main()
