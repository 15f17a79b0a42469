// redislite-server: see ServerCommandLine.
using System.Runtime.InteropServices;
using RedisLite.ServerTool;

using var stop = new CancellationTokenSource();

// Ctrl+C and SIGTERM stop serving; the store then flushes its log (or saves, with save points) before the process
// ends, as redis-server does on SHUTDOWN. Cancelling the signal's default action keeps the runtime from exiting first.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await ServerCommandLine.RunAsync(args, Console.Out, Console.Error, stop.Token);
