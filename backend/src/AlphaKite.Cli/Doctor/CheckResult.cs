namespace AlphaKite.Cli.Doctor;

/// <summary>What one doctor check found.</summary>
public enum CheckStatus
{
    Ok,
    Fail,
    Skipped,
}

/// <summary>One check's outcome: a line for a person. A failure's detail names the fix.</summary>
public sealed record CheckResult(CheckStatus Status, string Detail)
{
    public static CheckResult Ok(string detail) => new(CheckStatus.Ok, detail);

    public static CheckResult Fail(string detail) => new(CheckStatus.Fail, detail);

    public static CheckResult Skip(string reason) => new(CheckStatus.Skipped, reason);
}

/// <summary>A named check. Checks run in order; a later one may read what an earlier one found.</summary>
public sealed record DoctorCheck(string Name, Func<CancellationToken, Task<CheckResult>> Run);
