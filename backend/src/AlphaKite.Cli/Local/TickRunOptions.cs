using System.CommandLine;
using AlphaKite.Cli.Commands;
using AlphaKite.Postgres;
using AlphaKite.Schwab;

namespace AlphaKite.Cli.Local;

/// <summary>What a command that runs the tick against Schwab and a database reads (stream, backfill,
/// invoke): --tickers, --database and the Schwab options, each falling back to the environment.</summary>
internal sealed class TickRunOptions
{
    private readonly Option<string?> _tickers;
    private readonly Option<string?> _database = DatabaseOption.Create();
    private readonly SchwabOptions _schwab;

    /// <summary>Adds the options to <paramref name="command"/>, after the ones it already has.</summary>
    public TickRunOptions(Command command, string tickersDescription = "comma-separated symbols (default: $ALPHAKITE_TICKERS or QQQ)")
    {
        ArgumentNullException.ThrowIfNull(command);
        _tickers = CliOptions.Text("--tickers", "LIST", tickersDescription);
        command.Options.Add(_tickers);
        command.Options.Add(_database);
        _schwab = new SchwabOptions(command);
    }

    public TickRun Read(ParseResult args, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var tickers = TickerList.Parse(args.GetValue(_tickers) ?? environment.Tickers);
        var database = DatabaseOption.Read(args.GetValue(_database), environment.DatabaseUrl);
        var (schwab, tokenFile) = _schwab.Read(args, environment);
        return new TickRun(tickers, database, schwab, tokenFile);
    }
}

internal sealed record TickRun(IReadOnlyList<string> Tickers, PostgresSettings Database, SchwabSettings Schwab, string TokenFile);
