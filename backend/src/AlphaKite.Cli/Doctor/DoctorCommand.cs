using AlphaKite.Cli.Commands;
using AlphaKite.Cli.Local;
using AlphaKite.Core.Calendar;
using AlphaKite.Postgres;
using AlphaKite.Schwab;
using AlphaKite.Schwab.Tokens;

namespace AlphaKite.Cli.Doctor;

/// <summary>`alphakite doctor`: is this machine (and with --aws, the deployment) ready for the next session?</summary>
public static class DoctorCommand
{
    private const string Usage = $"""
        Usage: alphakite doctor [--aws] [--tickers QQQ,SPY] [--database URL] [--token-file PATH] [--tfvars PATH] [--timeout SECONDS]

        Checks everything the next session needs, any day of the week, one line per check
        (ok, FAIL with the fix, or skip with the reason); exits 1 when any check fails.
          token           the token file is there and is a schwab-py token
          refresh token   when it was issued and when it expires (7 days after the browser login)
          token refresh   Schwab's token endpoint refreshes it (saved back to the file, as `stream` does)
          pricehistory    Schwab answers with bars for each ticker in the last finished session
          database        reachable, every migration applied, and the writer can upsert (rolled back)

          --aws              also check the deployment infrastructure/terraform.tfvars describes, with your
                             AWS CLI's credentials: the function (tickers, environment, token store), its
                             schedules, the SSM parameters and the alarms; the token is read from the
                             deployed secret (or SSM parameter) instead of the file, and not refreshed
          --tickers LIST     comma-separated symbols (default: $ALPHAKITE_TICKERS, with --aws terraform.tfvars, else QQQ)
          --tfvars PATH      terraform.tfvars for --aws (default: infrastructure/terraform.tfvars)
          --timeout SECONDS  time limit of each check (default 30)
        {DatabaseOption.Usage}
        {SchwabOptions.Usage}
        Environment for --aws: ALPHAKITE_AWS_CLI (the aws executable, default `aws`), AWS_ENDPOINT_URL
        (passed as --endpoint-url), and whatever your AWS CLI reads (AWS_PROFILE, ...).
        """;

    public static CliCommand Create(CliEnvironment environment, DoctorEnvironment doctor, TimeProvider clock, NyseCalendar calendar) =>
        new("doctor", "check that the token, Schwab, the database (and with --aws the deployment) are ready", Usage,
            new HashSet<string>(StringComparer.Ordinal) { "aws" },
            (args, ct) => Checkup.RunAsync(ReadOptions(args, environment, doctor), clock, calendar, ct));

    private static DoctorOptions ReadOptions(CliArgs args, CliEnvironment environment, DoctorEnvironment doctor)
    {
        var aws = args.Flag("aws");
        var tickersText = args.Text("tickers");
        var timeout = TimeSpan.FromSeconds(args.Int("timeout", 1, 600) ?? (int)DoctorRunner.DefaultTimeout.TotalSeconds);
        var root = TokenFilePath.RepositoryRoot(Environment.CurrentDirectory);
        var tfvars = args.Text("tfvars") ?? Path.Combine(root, "infrastructure", "terraform.tfvars");
        var (local, _) = ReadLocal(args, environment, tickersText ?? environment.Tickers);
        args.RejectUnknown();
        if (aws && tickersText is null)
        {
            // The deployment's tickers, when terraform.tfvars can be read; its check reports it otherwise.
            try
            {
                local = local with { Tickers = DeploymentSettings.From(TfVars.Load(tfvars)).Tickers };
            }
            catch (TfVarsException)
            {
            }
        }

        return new DoctorOptions(local, timeout, aws ? new AwsOptions(tfvars, doctor.AwsCli ?? "aws", doctor.AwsEndpointUrl) : null);
    }

    /// <summary>The local settings, shared with `stream`: a missing app key or database becomes the message of the
    /// check that needs it (a readiness problem to report), not a usage error.</summary>
    internal static (LocalCheckSettings Settings, string TokenFile) ReadLocal(CliArgs args, CliEnvironment environment, string? tickers)
    {
        var tokenFile = args.Text("token-file") ?? TokenFilePath.Default(Environment.CurrentDirectory);
        var list = TickerList.Parse(tickers);
        SchwabSettings? schwab = null;
        string? schwabProblem = null;
        // Read first, so that a missing app key does not leave them unread (and called unknown).
        _ = (args.Text("app-key"), args.Text("app-secret"), args.Text("base-url"));
        try
        {
            schwab = SchwabOptions.Read(args, environment).Settings;
        }
        catch (UsageException e)
        {
            schwabProblem = e.Message;
        }

        PostgresConnection? database = null;
        string? databaseProblem = null;
        try
        {
            database = DatabaseOption.Read(args, environment.DatabaseUrl);
        }
        catch (UsageException e)
        {
            databaseProblem = e.Message;
        }

        return (new LocalCheckSettings(new FileTokenStore(tokenFile), schwab, schwabProblem, database, databaseProblem, list), tokenFile);
    }
}
