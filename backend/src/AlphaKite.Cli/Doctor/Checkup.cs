using AlphaKite.Core.Calendar;

namespace AlphaKite.Cli.Doctor;

/// <summary>What `alphakite doctor` was asked to check (read from the command line by <see cref="DoctorCommand"/>).</summary>
/// <param name="Aws">With --aws: the deployment that this terraform.tfvars describes, through this AWS CLI.</param>
public sealed record DoctorOptions(LocalCheckSettings Local, TimeSpan Timeout, AwsOptions? Aws);

/// <param name="TfVars">Path of infrastructure/terraform.tfvars.</param>
/// <param name="Cli">The AWS CLI executable.</param>
/// <param name="EndpointUrl">--endpoint-url for every call, or null.</param>
public sealed record AwsOptions(string TfVars, string Cli, string? EndpointUrl);

/// <summary>Runs the doctor's checks and prints them: the whole `doctor` command, and the stream's preflight.</summary>
public static class Checkup
{
    /// <summary>`alphakite doctor`: every line on stdout, a summary, exit 0 when nothing failed, else 1.</summary>
    public static async Task<int> RunAsync(DoctorOptions options, TimeProvider clock, NyseCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var aws = options.Aws is { } a ? new AwsChecks(a.TfVars, a.Cli, a.EndpointUrl) : null;
        var local = options.Local;
        if (aws is not null)
        {
            // The deployed token belongs to the deployed function: read it, never refresh it from here.
            local = local with
            {
                TokenStore = aws.TokenStore,
                RefreshSkipReason = "--aws reads the deployed token but leaves its refresh to the deployed function (only one process may refresh it); " +
                    "run `alphakite doctor` without --aws to try Schwab with your local token file",
            };
        }

        await using var checks = new LocalChecks(local, clock, calendar);
        var all = (aws?.All() ?? []).Concat(checks.All());
        var results = await DoctorRunner.RunAsync(all, Console.Out, options.Timeout, cancellationToken);
        Console.WriteLine(DoctorRunner.Summary(results));
        return results.Any(r => r.Result.Status == CheckStatus.Fail) ? 1 : 0;
    }

    /// <summary>
    /// `stream`'s checks before it starts waiting for the session: the token, its refresh and the
    /// database, so a missing token file or an unreachable database on a Sunday fails now, not at
    /// 09:31 on Monday. Prices are not fetched (the first tick does that). Quiet when all is well;
    /// otherwise every line goes to stderr.
    /// </summary>
    /// <returns>True when nothing failed.</returns>
    public static async Task<bool> PreflightAsync(LocalCheckSettings settings, TimeProvider clock, NyseCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var checks = new LocalChecks(settings with { MarketData = false }, clock, calendar);
        using var lines = new StringWriter();
        var results = await DoctorRunner.RunAsync(checks.All(), lines, DoctorRunner.DefaultTimeout, cancellationToken);
        if (results.All(r => r.Result.Status != CheckStatus.Fail))
        {
            return true;
        }

        await Console.Error.WriteAsync(lines.ToString());
        await Console.Error.WriteLineAsync(DoctorRunner.Summary(results, "alphakite stream"));
        return false;
    }
}
