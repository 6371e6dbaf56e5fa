using System.IO.Compression;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class DeployScriptTests
{
    // A real ELF executable that needs at most GLIBC_2.34 (Debian 12's coreutils).
    private const string CompatibleElf = "/bin/true";

    private static IReadOnlyDictionary<string, string?> Env(string name, string value) => new Dictionary<string, string?> { [name] = value };

    /// <summary>A real AArch64 ELF file that needs at most GLIBC_2.17 (Debian's zlib1g:arm64).</summary>
    private static string Arm64Elf()
    {
        const string path = "/usr/lib/aarch64-linux-gnu/libz.so.1";
        Prerequisite.Require(File.Exists(path), "an arm64 ELF file (zlib1g:arm64)",
            "dpkg --add-architecture arm64 && apt-get update && apt-get install zlib1g:arm64");
        return path;
    }

    private static string AotPublish(string rid) => $"dotnet publish backend/src/AlphaKite.Lambda.Bootstrap -c Release -r {rid} -o artifacts/lambda/publish";

    private static string PortablePublish(string rid) =>
        $"dotnet publish backend/src/AlphaKite.Lambda.Bootstrap -c Release -r {rid} -p:AlphaKiteBuild=portable -o artifacts/lambda/publish";

    [Test]
    public void PlanOnly_AllStepsPass_PlansAndNeverApplies()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().ContainInOrder(
            "aws sts get-caller-identity --region us-east-2 --query Arn --output text",
            "dotnet publish backend/src/AlphaKite.Lambda.Bootstrap -c Release -r linux-x64 -o artifacts/lambda/publish",
            "terraform -chdir=infrastructure init -input=false",
            "terraform -chdir=infrastructure validate",
            "terraform -chdir=infrastructure plan -input=false -out=alpha-kite.tfplan");
        sandbox.Calls.Should().NotContain(c => c.Contains("apply", StringComparison.Ordinal));
    }

    [Test]
    public void Deploy_AllStepsPass_AppliesTheSavedPlanThenPrintsNextStepsFromOutputs()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--yes");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().ContainInOrder(
            "terraform -chdir=infrastructure plan -input=false -out=alpha-kite.tfplan",
            "terraform -chdir=infrastructure apply -input=false alpha-kite.tfplan");
        result.StandardOutput.Should().Contain("value-of-token_upload_command")
            .And.Contain("aws lambda invoke --function-name value-of-function_name --region value-of-aws_region --payload '{}' --cli-binary-format raw-in-base64-out")
            .And.Contain("aws logs tail value-of-log_group_name --follow")
            .And.Contain("the close-out run value-of-closeout_schedule_name at 16:10")
            .And.Contain("aws scheduler list-schedules --group-name value-of-schedule_group_name --region value-of-aws_region")
            .And.Contain("Dashboard: value-of-dashboard_url");
    }

    [Test]
    public void Package_BootstrapAtZipRoot_WithItsRunBits()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        using var zip = ZipFile.OpenRead(sandbox.PackagePath);
        zip.Entries.Select(e => e.FullName).Should().Equal("bootstrap");
        var mode = (zip.Entries[0].ExternalAttributes >> 16) & 0xFFF;
        Convert.ToString(mode, 8).Should().Be("755");
        using var content = new MemoryStream();
        zip.Entries[0].Open().CopyTo(content);
        content.ToArray().Should().Equal(File.ReadAllBytes(CompatibleElf));
    }

    [Test]
    public void Deploy_NoTerminalAndNoYes_RefusesBeforeBuildingAndSaysHowToProceed()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        // The test's stdin is a pipe, as in CI or `ssh host ./deploy_lambda.sh`: nobody can answer.
        var result = sandbox.Run();

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("no terminal").And.Contain("./deploy_lambda.sh --plan-only").And.Contain("./deploy_lambda.sh --yes");
        sandbox.Calls.Should().BeEmpty();
    }

    [Test]
    public void Deploy_OnATerminal_AnsweredYes_ShowsThePlanThenApplies()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.RunOnTerminal("yes\n");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("Apply this plan to AWS?");
        sandbox.Calls.Should().ContainInOrder(
            "terraform -chdir=infrastructure plan -input=false -out=alpha-kite.tfplan",
            "terraform -chdir=infrastructure apply -input=false alpha-kite.tfplan");
    }

    [TestCase("no\n")]
    [TestCase("y\n")]
    [TestCase("")]
    public void Deploy_OnATerminal_AnythingButYes_AppliesNothingAndKeepsThePlan(string typed)
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.RunOnTerminal(typed);

        result.ExitCode.Should().Be(1, result.Output);
        result.Output.Should().Contain("Apply this plan to AWS?").And.Contain("nothing was applied");
        sandbox.Calls.Should().Contain("terraform -chdir=infrastructure plan -input=false -out=alpha-kite.tfplan")
            .And.NotContain(c => c.Contains(" apply ", StringComparison.Ordinal));
        File.Exists(Path.Combine(sandbox.Root, "infrastructure", "alpha-kite.tfplan")).Should().BeTrue("the next run can apply the plan just shown");
    }

    [Test]
    public void Deploy_AfterPlanOnly_NothingChanged_AppliesTheReviewedPlanWithoutReplanning()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();
        sandbox.Run(null, "--plan-only").ExitCode.Should().Be(0);
        var planned = sandbox.Calls.Count;

        var result = sandbox.Run(null, "--yes");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("applying the plan saved by --plan-only");
        var applyRun = sandbox.Calls.Skip(planned).ToList();
        applyRun.Should().ContainInOrder(
            "terraform -chdir=infrastructure show alpha-kite.tfplan",
            "terraform -chdir=infrastructure apply -input=false alpha-kite.tfplan");
        applyRun.Should().NotContain(c => c.Contains(" plan ", StringComparison.Ordinal) || c.EndsWith(" init -input=false", StringComparison.Ordinal));
        File.Exists(Path.Combine(sandbox.Root, "infrastructure", "alpha-kite.tfplan.fingerprint")).Should().BeFalse("an applied plan is spent");
    }

    [TestCase("tfvars")]
    [TestCase("tf")]
    [TestCase("package")]
    [TestCase("workspace")]
    public void Deploy_AfterPlanOnly_AnInputChanged_PlansAgainBeforeApplying(string changed)
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();
        sandbox.Run(null, "--plan-only").ExitCode.Should().Be(0);
        var planned = sandbox.Calls.Count;
        var environment = new Dictionary<string, string?>();
        switch (changed)
        {
            case "tfvars": File.AppendAllText(sandbox.TfvarsPath, "memory_size = 256\n"); break;
            case "tf": File.WriteAllText(Path.Combine(sandbox.Root, "infrastructure", "extra.tf"), "locals {}\n"); break;
            case "workspace": environment["TF_WORKSPACE"] = "staging"; environment["TF_CLI_ARGS_plan"] = "-var=environment=staging"; break;
            default: environment["FAKE_BOOTSTRAP"] = "/bin/false"; break;
        }

        var result = sandbox.Run(environment, "--yes");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().NotContain("applying the plan saved by --plan-only");
        sandbox.Calls.Skip(planned).Should().ContainInOrder(
            "terraform -chdir=infrastructure plan -input=false -out=alpha-kite.tfplan",
            "terraform -chdir=infrastructure apply -input=false alpha-kite.tfplan");
    }

    [Test]
    public void Fingerprint_NoSha256sumButShasum_PlanOnlyThenAppliesThatPlan()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, "sha256sum").WithRealTool("shasum", "apt-get install perl").WithTfvars();

        var planOnly = sandbox.Run(null, "--plan-only");

        planOnly.ExitCode.Should().Be(0, planOnly.Output);
        File.ReadAllText(Path.Combine(sandbox.Root, "infrastructure", "alpha-kite.tfplan.fingerprint"))
            .Should().Contain("terraform.tfvars").And.Contain("alpha-kite-real-time-streamer.zip");
        var planned = sandbox.Calls.Count;

        var result = sandbox.Run(null, "--yes");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("applying the plan saved by --plan-only");
        sandbox.Calls.Skip(planned).Should().NotContain(c => c.Contains(" plan ", StringComparison.Ordinal));
    }

    [Test]
    public void Fingerprint_NeitherSha256sumNorShasum_FailsInPreflightAndBuildsNothing()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, "sha256sum").WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("sha256sum (or shasum) is missing: ");
        sandbox.Calls.Should().BeEmpty();
        Directory.Exists(Path.Combine(sandbox.Root, "artifacts")).Should().BeFalse();
    }

    [Test]
    public void Fingerprint_HashToolFails_NoFingerprintSavedAndAnEmptyOneNeverMatches()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, "sha256sum").WithScript("shasum", "exit 127").WithTfvars();
        var fingerprint = Path.Combine(sandbox.Root, "infrastructure", "alpha-kite.tfplan.fingerprint");

        var planOnly = sandbox.Run(null, "--plan-only");

        planOnly.ExitCode.Should().NotBe(0);
        planOnly.StandardError.Should().Contain("could not fingerprint the inputs of the plan");
        File.Exists(fingerprint).Should().BeFalse();
        File.Exists(fingerprint + ".tmp").Should().BeFalse();

        // What the script used to leave behind: an empty fingerprint next to the plan.
        File.WriteAllText(fingerprint, "");
        var result = sandbox.Run(null, "--yes");

        result.ExitCode.Should().NotBe(0);
        result.StandardError.Should().NotContain("applying the plan saved by --plan-only");
        sandbox.Calls.Should().NotContain(c => c.Contains(" apply ", StringComparison.Ordinal));
    }

    [Test]
    public void NextSteps_AwsCliV1_LogsOfTheLastFifteenMinutes()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(Env("AWS_VERSION", "aws-cli/1.32.0 Python/3.11 Linux/6 botocore/1.34.0"), "--yes");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardOutput.Should().Contain(
            "aws logs filter-log-events --log-group-name value-of-log_group_name --region value-of-aws_region --max-items 50 --start-time $(( ($(date +%s) - 900) * 1000 ))")
            .And.NotContain("aws logs tail").And.NotContain("--cli-binary-format");
    }

    [TestCase("x86_64", true)]
    [TestCase("arm64", false)]
    public void Build_ContainerOnAppleSilicon_HintsAtArm64ForAnX86Function(string architecture, bool hint)
    {
        using var sandbox = new DeployScriptSandbox(architecture == "arm64" ? Arm64Elf() : CompatibleElf).WithStandIn("docker")
            .WithTfvars($"architecture = \"{architecture}\"\n");

        var result = sandbox.Run(new Dictionary<string, string?> { ["UNAME_S"] = "Darwin", ["UNAME_M"] = "arm64" }, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("build: container (");
        if (hint)
        {
            result.StandardError.Should().Contain("hint: this arm64 host builds x86_64 in an emulated container")
                .And.Contain("set architecture = \"arm64\" in infrastructure/terraform.tfvars");
        }
        else
        {
            result.StandardError.Should().NotContain("hint:");
        }
    }

    [Test]
    public void Tool_ReadelfMissing_GivesTheMacOsHintToo()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, "readelf").WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("brew install binutils && export PATH=\"$(brew --prefix binutils)/bin:$PATH\"");
    }

    [Test]
    public void Flags_PlanOnlyAndYes_ExcludeEachOther()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--plan-only", "--yes");

        result.ExitCode.Should().Be(2);
        sandbox.Calls.Should().BeEmpty();
    }

    [Test]
    public void Package_BuiltInTwoTimeZones_SameZipBytes()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        // POSIX TZ strings: they need no tzdata, so the two runs really are 14 hours apart.
        sandbox.Run(Env("TZ", "EST5EDT"), "--plan-only").ExitCode.Should().Be(0);
        var newYork = File.ReadAllBytes(sandbox.PackagePath);
        sandbox.Run(Env("TZ", "JST-9"), "--plan-only").ExitCode.Should().Be(0);

        File.ReadAllBytes(sandbox.PackagePath).Should().Equal(newYork, "the same binary must give the same source_code_hash on every laptop");
    }

    [Test]
    public void Package_SameBinaryTwice_SameZipBytes()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        sandbox.Run(null, "--plan-only").ExitCode.Should().Be(0);
        var first = File.ReadAllBytes(sandbox.PackagePath);
        sandbox.Run(null, "--plan-only").ExitCode.Should().Be(0);

        File.ReadAllBytes(sandbox.PackagePath).Should().Equal(first, "an unchanged build must not change source_code_hash");
    }

    [Test]
    public void Tfvars_Missing_PrintsTheCopyCommandAndBuildsNothing()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf);

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("cp terraform.tfvars.example infrastructure/terraform.tfvars");
        sandbox.Calls.Should().BeEmpty();
        File.Exists(sandbox.TfvarsPath).Should().BeFalse("the script must never write a template with fake credentials");
    }

    [Test]
    public void Tfvars_StillPlaceholders_StopsBeforeTheBuild()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars("# REPLACE_ME in a comment is fine\nschwab_app_key = \"REPLACE_ME\"\n");

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("REPLACE_ME");
        sandbox.Calls.Should().BeEmpty();
    }

    [Test]
    public void Build_LinuxHostWithClang_NativeAotOnTheHostAndSaysWhy()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("[deploy] build: aot (Native AOT on this Linux x86_64 host for x86_64)");
        sandbox.Calls.Should().Contain(AotPublish("linux-x64")).And.NotContain(c => c.StartsWith("docker", StringComparison.Ordinal));
    }

    [Test]
    public void Build_Arm64OnX64WithoutCrossToolchainOrDocker_PortableForLinuxArm64()
    {
        using var sandbox = new DeployScriptSandbox(Arm64Elf()).WithTfvars("architecture = \"arm64\"\n");

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("build: portable (no aarch64-linux-gnu cross toolchain with zlib on this x86_64 host: sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install gcc-aarch64-linux-gnu zlib1g-dev:arm64");
        sandbox.Calls.Should().Contain(PortablePublish("linux-arm64"));
    }

    [Test]
    public void Build_Arm64OnX64WithCrossToolchain_NativeAotForLinuxArm64()
    {
        using var sandbox = new DeployScriptSandbox(Arm64Elf()).WithStandIn("aarch64-linux-gnu-gcc").WithTfvars("architecture = \"arm64\"\n");

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("build: aot (Native AOT on this Linux x86_64 host for arm64)");
        sandbox.Calls.Should().Contain(AotPublish("linux-arm64"));
    }

    [Test]
    public void Build_Arm64Host_NativeAotForArm64WithoutCrossToolchain()
    {
        using var sandbox = new DeployScriptSandbox(Arm64Elf()).WithTfvars("architecture = \"arm64\"\n");

        var result = sandbox.Run(Env("UNAME_M", "aarch64"), "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().Contain(AotPublish("linux-arm64"));
    }

    [TestCase("x86_64", "linux/amd64", "linux-x64")]
    [TestCase("arm64", "linux/arm64", "linux-arm64")]
    public void Build_NoClangButDocker_NativeAotInAmazonLinuxForTheTargetPlatform(string architecture, string platform, string rid)
    {
        using var sandbox = new DeployScriptSandbox(architecture == "arm64" ? Arm64Elf() : CompatibleElf, "clang").WithStandIn("docker")
            .WithTfvars($"architecture = \"{architecture}\"\n");

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("build: container (clang is missing: ").And.Contain("Docker works: Native AOT inside public.ecr.aws/amazonlinux/amazonlinux:2023)");
        sandbox.Calls.Should().Contain("docker info");
        var run = sandbox.Calls.Single(c => c.StartsWith("docker run", StringComparison.Ordinal) && !c.EndsWith(" true", StringComparison.Ordinal));
        run.Should().StartWith($"docker run --rm --platform {platform} -v {sandbox.Root}:/src:ro -v {sandbox.Root}/artifacts/lambda/publish:/out ")
            .And.Contain(" -w /src ").And.Contain(" public.ecr.aws/amazonlinux/amazonlinux:2023 bash -euo pipefail -c ")
            .And.Contain("dnf install -y -q clang zlib-devel ")
            .And.Contain("if ! dnf install -y -q dotnet-sdk-10.0 >/dev/null; then ")
            .And.Contain("curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir /usr/share/dotnet;")
            .And.Contain($"dotnet publish /build/backend/src/AlphaKite.Lambda.Bootstrap -c Release -r {rid} -o /out;");
        sandbox.Calls.Should().NotContain(c => c.StartsWith("dotnet", StringComparison.Ordinal), "the host needs no .NET SDK for this build");
        using var zip = ZipFile.OpenRead(sandbox.PackagePath);
        zip.Entries.Select(e => e.FullName).Should().Equal("bootstrap");
    }

    [Test]
    public void Build_NeitherClangNorDocker_PortableAndSaysWhy()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, "clang").WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("build: portable (clang is missing: ").And.Contain("and no running Docker engine");
        sandbox.Calls.Should().Contain(PortablePublish("linux-x64"));
    }

    [Test]
    public void Build_DockerInstalledButEngineDown_Portable()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, "clang").WithStandIn("docker").WithTfvars();

        var result = sandbox.Run(Env("DOCKER_INFO_EXIT", "1"), "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().Contain(PortablePublish("linux-x64")).And.NotContain(c => c.StartsWith("docker run", StringComparison.Ordinal));
    }

    [TestCase(true, "container")]
    [TestCase(false, "portable")]
    public void Build_MacOsHostWithClang_ContainerOrPortableNeverAot(bool docker, string expected)
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();
        if (docker)
        {
            sandbox.WithStandIn("docker");
        }

        var result = sandbox.Run(Env("UNAME_S", "Darwin"), "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain($"build: {expected} (Native AOT cannot build for Linux on Darwin");
        sandbox.Calls.Should().NotContain(AotPublish("linux-x64"));
    }

    [Test]
    public void Build_Arm64OnX64DockerWithoutEmulation_PortableNotAFailingContainer()
    {
        using var sandbox = new DeployScriptSandbox(Arm64Elf(), "clang").WithStandIn("docker").WithTfvars("architecture = \"arm64\"\n");

        var result = sandbox.Run(Env("DOCKER_EMULATION_EXIT", "125"), "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().Contain("docker run --rm --platform linux/arm64 public.ecr.aws/amazonlinux/amazonlinux:2023 true")
            .And.Contain(PortablePublish("linux-arm64"));
        sandbox.Calls.Where(c => c.StartsWith("docker run", StringComparison.Ordinal)).Should().HaveCount(1, "only the probe ran");
    }

    [Test]
    public void Build_ForcedContainerForArm64WithoutEmulation_SaysHowAndBuildsNothing()
    {
        using var sandbox = new DeployScriptSandbox(Arm64Elf()).WithStandIn("docker").WithTfvars("architecture = \"arm64\"\n");

        var result = sandbox.Run(Env("DOCKER_EMULATION_EXIT", "125"), "--plan-only", "--build", "container");

        result.ExitCode.Should().Be(1, result.Output);
        result.StandardError.Should().Contain("Docker cannot run a linux/arm64 container on this x86_64 host").And.Contain("--build portable");
        sandbox.Calls.Should().NotContain(c => c.StartsWith("dotnet", StringComparison.Ordinal) || c.StartsWith("terraform", StringComparison.Ordinal));
    }

    [Test]
    public void Build_ForcedPortableOnAnAotHost_Portable()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--plan-only", "--build", "portable");

        result.ExitCode.Should().Be(0, result.Output);
        result.StandardError.Should().Contain("build: portable (forced with --build)");
        sandbox.Calls.Should().Contain(PortablePublish("linux-x64"));
    }

    [Test]
    public void Build_ForcedContainerOnAnAotHost_Container()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithStandIn("docker").WithTfvars();

        var result = sandbox.Run(null, "--build", "container", "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().Contain(c => c.StartsWith("docker run --rm --platform linux/amd64 ", StringComparison.Ordinal))
            .And.NotContain(c => c.StartsWith("dotnet", StringComparison.Ordinal));
    }

    [TestCase("aot", "Darwin", "--build aot: cannot build Native AOT for x86_64 here: Native AOT cannot build for Linux on Darwin")]
    [TestCase("container", "Linux", "--build container needs a running Docker engine, and 'docker info' failed")]
    public void Build_ForcedButImpossible_SaysWhyAndRunsNothing(string mode, string hostOs, string message)
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(Env("UNAME_S", hostOs), "--plan-only", "--build", mode);

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain(message);
        sandbox.Calls.Should().BeEmpty();
    }

    [Test]
    public void Build_ForcedAotWithoutClang_NamesClangWithHowToInstall()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, "clang").WithTfvars();

        var result = sandbox.Run(null, "--plan-only", "--build", "aot");

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain("--build aot: cannot build Native AOT for x86_64 here: clang is missing: ").And.Contain("apt-get install clang zlib1g-dev");
        sandbox.Calls.Should().BeEmpty();
    }

    [TestCase("native")]
    [TestCase("")]
    public void Build_UnknownMode_ExitsTwo(string mode)
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = mode.Length == 0 ? sandbox.Run(null, "--build") : sandbox.Run(null, "--build", mode);

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("--build needs aot, container or portable");
        sandbox.Calls.Should().BeEmpty();
    }

    [Test]
    public void Package_PublishWroteSeveralFiles_ZipsAllButDebugSymbolsInOrder()
    {
        var extra = Directory.CreateTempSubdirectory("alphakite-extra-");
        try
        {
            var library = Path.Combine(extra.FullName, "libSystem.Native.so");
            var symbols = Path.Combine(extra.FullName, "bootstrap.dbg");
            var config = Path.Combine(extra.FullName, "aaa.json");
            File.Copy(CompatibleElf, library);
            File.WriteAllText(symbols, "debug symbols");
            File.WriteAllText(config, "{}");
            using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

            var result = sandbox.Run(Env("FAKE_EXTRA_FILES", $"{library} {symbols} {config}"), "--plan-only");

            result.ExitCode.Should().Be(0, result.Output);
            using var zip = ZipFile.OpenRead(sandbox.PackagePath);
            zip.Entries.Select(e => e.FullName).Should().Equal("aaa.json", "bootstrap", "libSystem.Native.so");
            Convert.ToString((zip.GetEntry("bootstrap")!.ExternalAttributes >> 16) & 0xFFF, 8).Should().Be("755");
            zip.Entries.Select(e => e.LastWriteTime.DateTime).Distinct().Should().ContainSingle();
            result.StandardError.Should().Contain("libSystem.Native.so needs glibc <= ");
        }
        finally
        {
            extra.Delete(recursive: true);
        }
    }

    [Test]
    public void Validate_Fails_StopsWithItsExitStatus()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(Env("TF_EXIT_validate", "7"), "--yes");

        result.ExitCode.Should().Be(7);
        result.StandardError.Should().Contain("validate").And.Contain("exit status 7");
        sandbox.Calls.Should().NotContain(c => c.Contains(" plan ", StringComparison.Ordinal) || c.Contains(" apply ", StringComparison.Ordinal));
    }

    [Test]
    public void AwsIdentity_Fails_StopsBeforeTheBuild()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(Env("AWS_STS_EXIT", "255"), "--plan-only");

        result.ExitCode.Should().Be(255);
        result.StandardError.Should().Contain("aws configure");
        sandbox.Calls.Should().NotContain(c => c.StartsWith("dotnet", StringComparison.Ordinal));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Glibc_NewerThanAl2023InAnyPackagedElf_FailsBeforeTerraform(bool inBootstrap)
    {
        var clang = Prerequisite.RequireOnPath("clang", "apt-get install clang");
        var dir = Directory.CreateTempSubdirectory("alphakite-glibc-");
        var binary = Path.Combine(dir.FullName, "too-new");
        try
        {
            // A stub library whose one symbol has the version GLIBC_2.36: the binary linked against
            // it asks for GLIBC_2.36 whatever glibc the host has, so the case runs on every host.
            File.WriteAllText(Path.Combine(dir.FullName, "stub.c"), "int alphakite_too_new(void) { return 0; }\n");
            File.WriteAllText(Path.Combine(dir.FullName, "stub.map"), "GLIBC_2.36 { global: alphakite_too_new; local: *; };\n");
            File.WriteAllText(Path.Combine(dir.FullName, "main.c"), "int alphakite_too_new(void);\nint main(void) { return alphakite_too_new(); }\n");
            var stub = ProcessRunner.Run(clang, ["-shared", "-fPIC", "-Wl,--version-script=stub.map", "-Wl,-soname,libtoonew.so", "-o", "libtoonew.so", "stub.c"], dir.FullName);
            stub.ExitCode.Should().Be(0, stub.Output);
            var compiled = ProcessRunner.Run(clang, ["main.c", "libtoonew.so", "-o", binary], dir.FullName);
            compiled.ExitCode.Should().Be(0, compiled.Output);

            using var sandbox = new DeployScriptSandbox(inBootstrap ? binary : CompatibleElf).WithTfvars();

            var result = sandbox.Run(inBootstrap ? null : Env("FAKE_EXTRA_FILES", binary), "--plan-only");

            result.ExitCode.Should().Be(1);
            result.StandardError.Should().Contain($"{(inBootstrap ? "bootstrap" : Path.GetFileName(binary))} needs GLIBC_2.36").And.Contain("2.34");
            sandbox.Calls.Should().NotContain(c => c.StartsWith("terraform", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestCase("arm64", false, "bootstrap is built for Advanced Micro Devices X86-64, but the function's architecture is arm64")]
    [TestCase("x86_64", true, "libz.so.1 is built for AArch64, but the function's architecture is x86_64")]
    public void Elf_ForAnotherArchitecture_FailsBeforeTerraform(string architecture, bool arm64Library, string message)
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars($"architecture = \"{architecture}\"\n");

        var result = sandbox.Run(arm64Library ? Env("FAKE_EXTRA_FILES", Arm64Elf()) : null, "--plan-only", "--build", "portable");

        result.ExitCode.Should().Be(1, result.Output);
        result.StandardError.Should().Contain(message);
        sandbox.Calls.Should().NotContain(c => c.StartsWith("terraform", StringComparison.Ordinal));
    }

    [Test]
    public void Bootstrap_NotAnElf_Fails()
    {
        var notElf = Path.GetTempFileName();
        File.WriteAllText(notElf, "#!/bin/sh\necho hi\n");
        try
        {
            using var sandbox = new DeployScriptSandbox(notElf).WithTfvars();

            var result = sandbox.Run(null, "--plan-only");

            result.ExitCode.Should().Be(1);
            result.StandardError.Should().Contain("not an ELF executable");
        }
        finally
        {
            File.Delete(notElf);
        }
    }

    [TestCase("dotnet")]
    [TestCase("zip")]
    [TestCase("readelf")]
    [TestCase("terraform")]
    [TestCase("aws")]
    public void Tool_Missing_NamedWithHowToInstall(string tool)
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf, tool).WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(1);
        result.StandardError.Should().Contain($"{tool} is missing: ");
        sandbox.Calls.Should().BeEmpty();
    }

    [Test]
    public void Flag_Unknown_ExitsTwoAndRunsNothing()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--plan-onyl");

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("--plan-onyl");
        sandbox.Calls.Should().BeEmpty();
    }

    [Test]
    public void Help_PrintsTheHeaderComment()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf);

        var result = sandbox.Run(null, "--help");

        result.ExitCode.Should().Be(0);
        result.StandardOutput.Should().StartWith("Builds the AlphaKite Lambda").And.Contain("--plan-only").And.NotContain("set -euo");
        sandbox.Calls.Should().BeEmpty();
    }
}
