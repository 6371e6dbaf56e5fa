using System.Diagnostics;
using System.Text;

namespace AlphaKite.LocalPostgres;

/// <summary>
/// Runs PostgreSQL tools, dropping root first: initdb, postgres and pgbouncer refuse to run as root.
/// </summary>
public static class ServiceProcess
{
    /// <summary>The unprivileged account to run servers as when this process is root (postgres, else nobody); null otherwise.</summary>
    public static string? ServiceUser { get; } = Environment.IsPrivilegedProcess && OperatingSystem.IsLinux()
        ? (UserExists("postgres") ? "postgres" : "nobody")
        : null;

    /// <summary>A start info for <paramref name="program"/>, wrapped in <c>runuser -u USER --</c> when root.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The unprivileged user may not be able to enter the caller's working directory.
            WorkingDirectory = "/",
        };
        if (ServiceUser is { } user)
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(user);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Runs to completion; throws with the tool's output when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(program, arguments) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Do not leave a half-made cluster or a stray server behind a cancelled demo or test.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own between the cancellation and the kill.
            }

            throw;
        }

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return process.ExitCode == 0
            ? text
            : throw new InvalidOperationException($"{Path.GetFileName(program)} exited with code {process.ExitCode}: {text.Trim()}");
    }

    /// <summary>Whether the service user (when we are root) can reach <paramref name="directory"/>:
    /// every parent must be searchable by it, and /root, for one, is private.</summary>
    public static async Task<bool> ServiceUserCanReachAsync(string directory, CancellationToken cancellationToken)
    {
        if (ServiceUser is null)
        {
            return true;
        }

        try
        {
            await RunAsync("test", ["-x", directory], cancellationToken);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Gives the service user the directory (and everything in it) when running as root.</summary>
    public static async Task GiveToServiceUserAsync(string directory, CancellationToken cancellationToken)
    {
        if (ServiceUser is { } user)
        {
            using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", user, directory]) { UseShellExecute = false })!;
            await chown.WaitForExitAsync(cancellationToken);
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"chown -R {user} {directory} failed with code {chown.ExitCode}");
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));
}
