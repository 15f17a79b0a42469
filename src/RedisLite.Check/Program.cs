// redislite-check: see CheckCommand.
return RedisLite.CheckTool.CheckCommand.Run(args, Console.Out, Console.Error);
