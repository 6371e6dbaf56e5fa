using System.Diagnostics;
using AlphaKite.Tests.Support;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>The Lambda `bootstrap`, published once per test run (Native AOT, linux-x64) into
/// artifacts/lambda/test-publish, and a way to start it with a clean, chosen environment.</summary>
public static class PublishedBootstrap
{
    private static readonly Lazy<string> Published = new(Publish);

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The path of the published binary (publishing on first use).</summary>
    public static string Path => Published.Value;

    /// <summary>Starts a binary with only <paramref name="environment"/> plus PATH/HOME (no inherited AWS or ALPHAKITE variables).</summary>
    public static Process Start(string file, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        foreach (var keep in new[] { "PATH", "HOME", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(keep) is { } value)
            {
                info.Environment[keep] = value;
            }
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    private static string Publish()
    {
        if (!Prerequisite.CanRun("clang", "--version") || !Prerequisite.CanRun("objdump", "--version"))
        {
            Prerequisite.Missing("clang or objdump (Native AOT toolchain)", "apt-get install clang zlib1g-dev binutils");
        }

        var output = System.IO.Path.Combine(RepositoryRoot, "artifacts", "lambda", "test-publish");
        var (exit, stdout, stderr) = Prerequisite.Run("dotnet",
            ["publish", System.IO.Path.Combine(RepositoryRoot, "backend", "src", "AlphaKite.Lambda"), "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo"],
            timeout: TimeSpan.FromMinutes(20));
        exit.Should().Be(0, $"dotnet publish failed:\n{stdout}\n{stderr}");
        return System.IO.Path.Combine(output, "bootstrap");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AlphaKite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AlphaKite.sln not found above the test binaries");
    }
}
