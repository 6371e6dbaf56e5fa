using System.Diagnostics;

namespace AlphaKite.TestSupport;

/// <summary>How a program ended: exit code and everything it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public static implicit operator (int ExitCode, string Stdout, string Stderr)(ProcessResult result) =>
        (result.ExitCode, result.StandardOutput, result.StandardError);
}

/// <summary>The one way tests run a program to completion: no shell, output captured, bounded by a timeout.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/>; a null value in <paramref name="environment"/> removes that variable.
    /// Throws <see cref="TimeoutException"/> (after killing the process tree) when it outlives <paramref name="timeout"/>
    /// (2 minutes unless given), and <see cref="System.ComponentModel.Win32Exception"/> when the program is not there.</summary>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? stdin = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in time");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
