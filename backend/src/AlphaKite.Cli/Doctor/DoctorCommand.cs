using System.CommandLine;
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
    public static CliCommand Create(CliEnvironment environment, DoctorEnvironment doctor, TimeProvider clock, NyseCalendar calendar)
    {
        var command = new CliCommand("doctor", "check that the token, Schwab, the database (and with --aws the deployment) are ready", """
            Checks everything the next session needs, any day of the week, one line per check
            (ok, FAIL with the fix, or skip with the reason); exits 1 when any check fails.
              token           the token file is there and is a schwab-py token
              refresh token   when it was issued and when it expires (7 days after the browser login)
              token refresh   Schwab's token endpoint refreshes it (saved back to the file, as `stream` does)
              pricehistory    Schwab answers with bars for each ticker in the last finished session
              database        reachable, every migration applied, and the writer can upsert (rolled back)
            Environment for --aws: ALPHAKITE_AWS_CLI (the aws executable, default `aws`), AWS_ENDPOINT_URL
            (passed as --endpoint-url), and whatever your AWS CLI reads (AWS_PROFILE, ...).
            """);
        var options = new Options(
            CliOptions.Flag("--aws", "also check the deployment infrastructure/terraform.tfvars describes, with your AWS CLI's "
                + "credentials: the function (tickers, environment, token store), its schedules, the SSM parameters and the "
                + "alarms; the token is read from the deployed secret (or SSM parameter) instead of the file, and not refreshed"),
            CliOptions.Text("--tickers", "LIST", "comma-separated symbols (default: $ALPHAKITE_TICKERS, with --aws terraform.tfvars, else QQQ)"),
            CliOptions.Text("--tfvars", "PATH", "terraform.tfvars for --aws (default: infrastructure/terraform.tfvars)"),
            CliOptions.Int("--timeout", "SECONDS", "time limit of each check (default 30)", 1, 600),
            DatabaseOption.Create());
        command.Options.Add(options.Aws);
        command.Options.Add(options.Tickers);
        command.Options.Add(options.TfVars);
        command.Options.Add(options.Timeout);
        command.Options.Add(options.Database);
        var schwabOptions = new SchwabOptions(command);
        command.SetAction((args, ct) => Checkup.RunAsync(ReadOptions(args, options, schwabOptions, environment, doctor), clock, calendar, ct));
        return command;
    }

    private static DoctorOptions ReadOptions(ParseResult args, Options options, SchwabOptions schwabOptions, CliEnvironment environment, DoctorEnvironment doctor)
    {
        var aws = args.GetValue(options.Aws);
        var tickersText = args.GetValue(options.Tickers);
        var timeout = TimeSpan.FromSeconds(args.GetValue(options.Timeout) ?? (int)DoctorRunner.DefaultTimeout.TotalSeconds);
        var root = TokenFilePath.RepositoryRoot(Environment.CurrentDirectory);
        var tfvars = args.GetValue(options.TfVars) ?? Path.Combine(root, "infrastructure", "terraform.tfvars");
        var local = ReadLocal(args, options, schwabOptions, environment, tickersText ?? environment.Tickers);
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

    /// <summary>A missing app key or database becomes the message of the check that needs it (a readiness
    /// problem to report), not a usage error.</summary>
    private static LocalCheckSettings ReadLocal(ParseResult args, Options options, SchwabOptions schwabOptions, CliEnvironment environment, string? tickers)
    {
        var list = TickerList.Parse(tickers);
        SchwabSettings? schwab = null;
        string? schwabProblem = null;
        try
        {
            schwab = schwabOptions.Read(args, environment).Settings;
        }
        catch (UsageException e)
        {
            schwabProblem = e.Message;
        }

        PostgresSettings? database = null;
        string? databaseProblem = null;
        try
        {
            database = DatabaseOption.Read(args.GetValue(options.Database), environment.DatabaseUrl);
        }
        catch (UsageException e)
        {
            databaseProblem = e.Message;
        }

        return new LocalCheckSettings(new FileTokenStore(schwabOptions.TokenFile(args)), schwab, schwabProblem, database, databaseProblem, list);
    }

    private sealed record Options(Option<bool> Aws, Option<string?> Tickers, Option<string?> TfVars, Option<int?> Timeout, Option<string?> Database);
}
