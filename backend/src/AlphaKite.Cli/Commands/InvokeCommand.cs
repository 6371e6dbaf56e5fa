using System.CommandLine;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Metrics;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Lambda;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Commands;

/// <summary>`alphakite invoke`: the Lambda's handler, once, in this process, with local configuration.</summary>
public static class InvokeCommand
{
    public static CliCommand Create(CliEnvironment environment, TimeProvider clock, NyseCalendar calendar)
    {
        var command = new CliCommand("invoke", "run the Lambda handler once in-process and print its response", """
            Runs exactly the handler the Lambda runs and prints exactly what it would return on stdout
            (logs and EMF metric lines go to stderr). A failure exits 1, as the Lambda reports an error;
            an event the Lambda would refuse (bad JSON, unknown or repeated field) exits 2.
            Events: {} (the schedule's), {"tickers": ["QQQ"]}, {"date": "2026-11-20"}, {"force": true}.
            """);
        var eventOption = CliOptions.Text("--event", "JSON", "the invocation event (default: {})");
        command.Options.Add(eventOption);
        var run = new TickRunOptions(command, "the function's configured tickers (default: $ALPHAKITE_TICKERS or QQQ)");
        command.SetAction((args, ct) => RunAsync(args.GetValue(eventOption) ?? "{}", run.Read(args, environment), clock, calendar, ct));
        return command;
    }

    private static async Task<int> RunAsync(string eventJson, TickRun run, TimeProvider clock, NyseCalendar calendar, CancellationToken ct)
    {
        var (tickers, database, schwab, tokenFile) = run;

        await using var services = TickServices.Create(schwab, new FileTokenStore(tokenFile), database, clock, calendar);
        var handler = new Handler(services.Tick, services.Tokens, tickers, new EmfMetrics(Console.Error), clock, "alphakite-invoke");
        var log = new JsonLog(Console.Error, LogLevel.Information, clock);
        try
        {
            Console.WriteLine(await handler.HandleAsync(eventJson, $"local-{Guid.NewGuid():N}", log, ct));
        }
        catch (InvalidEventException e)
        {
            // The Lambda reports it as an invocation error; here the event came from the command line.
            throw new UsageException($"--event: {e.Message}");
        }

        return 0;
    }
}
