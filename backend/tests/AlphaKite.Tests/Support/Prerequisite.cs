using System.Diagnostics;

namespace AlphaKite.Tests.Support;

/// <summary>
/// Missing tools fail the run on CI and are skipped with the install command elsewhere. Strict
/// mode is CI=true, which .ci/run exports itself; test.sh counts the skips in its closing line.
/// </summary>
public static class Prerequisite
{
    public static void Missing(string what, string install)
    {
        var message = $"{what} is missing: {install}";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    /// <summary>Goes on when <paramref name="present"/>; otherwise <see cref="Missing"/>.</summary>
    public static void Require(bool present, string what, string install)
    {
        if (!present)
        {
            Missing(what, install);
        }
    }

    /// <summary>Full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Full path of an executable on PATH; <see cref="Missing"/> when there is none.</summary>
    public static string RequireOnPath(string name, string install)
    {
        var found = FindOnPath(name);
        Require(found is not null, name, install);
        return found!;
    }

    /// <summary>Runs a program to completion; returns exit code, stdout, stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', info.ArgumentList)} did not finish in time");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static bool CanRun(string file, params string[] args)
    {
        try
        {
            return Run(file, args, timeout: TimeSpan.FromSeconds(30)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
