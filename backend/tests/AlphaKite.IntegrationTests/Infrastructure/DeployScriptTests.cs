using System.IO.Compression;
using AlphaKite.Tests.Support;

namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class DeployScriptTests
{
    // A real ELF executable that needs at most GLIBC_2.34 (Debian 12's coreutils).
    private const string CompatibleElf = "/bin/true";

    private static IReadOnlyDictionary<string, string?> Env(string name, string value) => new Dictionary<string, string?> { [name] = value };

    [Test]
    public void PlanOnly_AllStepsPass_PlansAndNeverApplies()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars();

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().ContainInOrder(
            "aws sts get-caller-identity --region us-east-2 --query Arn --output text",
            "dotnet publish backend/src/AlphaKite.Lambda -c Release -r linux-x64 -o artifacts/lambda/publish",
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
            .And.Contain("aws scheduler list-schedules --group-name value-of-schedule_group_name --region value-of-aws_region");
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

        sandbox.Run(Env("TZ", "America/New_York"), "--plan-only").ExitCode.Should().Be(0);
        var newYork = File.ReadAllBytes(sandbox.PackagePath);
        sandbox.Run(Env("TZ", "Asia/Tokyo"), "--plan-only").ExitCode.Should().Be(0);

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
    public void Tfvars_Arm64_PublishesForLinuxArm64()
    {
        using var sandbox = new DeployScriptSandbox(CompatibleElf).WithTfvars("architecture = \"arm64\"\n");

        var result = sandbox.Run(null, "--plan-only");

        result.ExitCode.Should().Be(0, result.Output);
        sandbox.Calls.Should().Contain("dotnet publish backend/src/AlphaKite.Lambda -c Release -r linux-arm64 -o artifacts/lambda/publish");
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

    [Test]
    public void Glibc_NewerThanAl2023_FailsBeforeTerraform()
    {
        var clang = Prerequisite.RequireOnPath("clang", "apt-get install clang");
        var binary = Path.Combine(Path.GetTempPath(), $"alphakite-glibc-{Guid.NewGuid():N}");
        var source = binary + ".c";
        File.WriteAllText(source, "#include <stdlib.h>\nint main(void) { return (int)(arc4random() & 0u); }\n");
        try
        {
            // arc4random appeared in glibc 2.36; a host with an older glibc cannot build this case.
            var compiled = ProcessResult.Run(clang, [source, "-o", binary]);
            if (compiled.ExitCode != 0)
            {
                Assert.Ignore($"needs a host with glibc >= 2.36 to build a too-new binary: {compiled.StandardError}");
            }

            using var sandbox = new DeployScriptSandbox(binary).WithTfvars();

            var result = sandbox.Run(null, "--plan-only");

            result.ExitCode.Should().Be(1);
            result.StandardError.Should().Contain("GLIBC_2.36").And.Contain("2.34");
            sandbox.Calls.Should().NotContain(c => c.StartsWith("terraform", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(source);
            File.Delete(binary);
        }
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
    [TestCase("clang")]
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
