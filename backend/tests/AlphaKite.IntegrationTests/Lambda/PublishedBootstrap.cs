using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>The Lambda `bootstrap`, published once per test run and flavour (Native AOT linux-x64 into
/// artifacts/lambda/test-publish, the others beside it), and a way to start it with a clean, chosen
/// environment: arm64 builds on another CPU run under qemu-user with Debian's arm64 C library.</summary>
public static class PublishedBootstrap
{
    private static readonly ConcurrentDictionary<BootstrapFlavour, Lazy<string>> Published = new();

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The path of the published Native AOT linux-x64 binary (publishing on first use).</summary>
    public static string Path => PathOf(BootstrapFlavour.Aot);

    /// <summary>The path of the published binary of <paramref name="flavour"/> (publishing on first use).</summary>
    public static string PathOf(BootstrapFlavour flavour) =>
        Published.GetOrAdd(flavour, f => new Lazy<string>(() => Publish(f))).Value;

    /// <summary>Starts the flavour's bootstrap, through qemu-aarch64-static when it is arm64 and this machine is not.</summary>
    public static Process Start(BootstrapFlavour flavour, IReadOnlyDictionary<string, string> environment)
    {
        var path = PathOf(flavour);
        if (!IsArm64(flavour) || RuntimeInformation.OSArchitecture == Architecture.Arm64)
        {
            return Start(path, environment);
        }

        var qemu = Prerequisite.RequireOnPath("qemu-aarch64-static", "apt-get install qemu-user-static");
        // Debian's multiarch libc6:arm64 under / (not libc6-arm64-cross: its ld.so and the multiarch
        // libc.so.6 that qemu also finds there come from different builds and hang at start-up).
        Prerequisite.Require(File.Exists("/lib/ld-linux-aarch64.so.1"), "the arm64 C library (libc6:arm64)",
            "dpkg --add-architecture arm64 && apt-get update && apt-get install libc6:arm64 libstdc++6:arm64");
        return Start(qemu, environment, "-L", "/", path);
    }

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

    private static bool IsArm64(BootstrapFlavour flavour) => flavour is BootstrapFlavour.AotArm64 or BootstrapFlavour.PortableArm64;

    /// <summary>The same publish deploy_lambda.sh runs for that build mode and architecture.</summary>
    private static string Publish(BootstrapFlavour flavour)
    {
        var aot = flavour is BootstrapFlavour.Aot or BootstrapFlavour.AotArm64;
        if (aot && (!Prerequisite.CanRun("clang", "--version") || !Prerequisite.CanRun("objdump", "--version")))
        {
            Prerequisite.Missing("clang or objdump (Native AOT toolchain)", "apt-get install clang zlib1g-dev binutils");
        }

        var cross = flavour == BootstrapFlavour.AotArm64 && RuntimeInformation.OSArchitecture != Architecture.Arm64;
        if (cross && (!Prerequisite.CanRun("aarch64-linux-gnu-gcc", "--version") || !File.Exists("/usr/lib/aarch64-linux-gnu/libz.a")))
        {
            Prerequisite.Missing("the aarch64-linux-gnu cross toolchain or arm64 zlib (Native AOT for arm64 on x86_64)",
                "dpkg --add-architecture arm64 && apt-get update && apt-get install gcc-aarch64-linux-gnu zlib1g-dev:arm64");
        }

        var output = System.IO.Path.Combine(RepositoryRoot, "artifacts", "lambda", flavour == BootstrapFlavour.Aot ? "test-publish" : $"test-publish-{flavour}");
        string[] args =
        [
            "publish", System.IO.Path.Combine(RepositoryRoot, "backend", "src", "AlphaKite.Lambda.Bootstrap"), "-c", "Release",
            "-r", IsArm64(flavour) ? "linux-arm64" : "linux-x64", "-o", output, "--nologo",
            .. aot ? Array.Empty<string>() : ["-p:AlphaKiteBuild=portable"],
        ];
        var (exit, stdout, stderr) = ProcessRunner.Run("dotnet", args, timeout: TimeSpan.FromMinutes(20));
        exit.Should().Be(0, $"dotnet {string.Join(' ', args)} failed:\n{stdout}\n{stderr}");
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
