namespace AlphaKite.Cli.Doctor;

/// <summary>
/// Runs checks one after the other, each within its own time limit, and prints one line per check.
/// A check that throws or runs out of time is a failure with its message; it never stops the others.
/// Plain text, no colours, flushed per line: the output reads the same in a terminal, a pipe or a log.
/// </summary>
public static class DoctorRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <returns>Every check's result, in order.</returns>
    public static async Task<IReadOnlyList<(string Name, CheckResult Result)>> RunAsync(
        IEnumerable<DoctorCheck> checks, TextWriter output, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(output);
        var results = new List<(string, CheckResult)>();
        foreach (var check in checks)
        {
            var result = await RunOneAsync(check, timeout, cancellationToken);
            results.Add((check.Name, result));
            await output.WriteLineAsync(Line(check.Name, result));
            await output.FlushAsync(cancellationToken);
        }

        return results;
    }

    public static string Line(string name, CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var label = result.Status switch
        {
            CheckStatus.Ok => "ok  ",
            CheckStatus.Fail => "FAIL",
            _ => "skip",
        };
        // One line per check, whatever the message holds.
        var detail = result.Detail.ReplaceLineEndings(" ");
        return $"{label}  {name}: {detail}";
    }

    /// <param name="rerun">The command to run again after fixing.</param>
    public static string Summary(IReadOnlyList<(string Name, CheckResult Result)> results, string rerun = "alphakite doctor")
    {
        ArgumentNullException.ThrowIfNull(results);
        var failed = results.Count(r => r.Result.Status == CheckStatus.Fail);
        var skipped = results.Count(r => r.Result.Status == CheckStatus.Skipped);
        var skippedText = skipped == 0 ? "" : $", {skipped} skipped";
        return failed == 0
            ? $"All {results.Count - skipped} checks passed{skippedText}."
            : $"{failed} of {results.Count} checks failed{skippedText}: fix them (each FAIL line says how) and run `{rerun}` again.";
    }

    private static async Task<CheckResult> RunOneAsync(DoctorCheck check, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        Task<CheckResult> task;
        try
        {
            task = check.Run(limit.Token);
            // WaitAsync: a check that does not honour its token still ends the wait on time.
            return await task.WaitAsync(limit.Token);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return CheckResult.Fail($"did not finish within {timeout.TotalSeconds:0} s: check the network and the service it talks to (--timeout gives it longer)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every failure the parts expect carries a message that says what broke and what to do.
            return CheckResult.Fail(e.Message);
        }
    }
}
