using AlphaKite.Tests.Support;

namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class ShellScriptTests
{
    [Test]
    public void Shellcheck_EveryScriptInTheRepository_Clean()
    {
        var shellcheck = Prerequisite.RequireOnPath("shellcheck", "apt-get install shellcheck");
        var git = Prerequisite.RequireOnPath("git", "apt-get install git");
        var listed = ProcessResult.Run(git, ["ls-files", "*.sh", ".ci/run"]);
        listed.ExitCode.Should().Be(0, listed.StandardError);
        var scripts = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var result = ProcessResult.Run(shellcheck, ["--external-sources", .. scripts]);

        scripts.Should().Contain(["deploy_lambda.sh", "test.sh", ".ci/run"]);
        result.ExitCode.Should().Be(0, result.Output);
    }

    [Test]
    public void TerraformFmt_Configuration_AlreadyFormatted()
    {
        // terraform is not a Debian package test.sh can install, so this check runs where it exists
        // (`terraform fmt` needs no providers and no network) and is skipped elsewhere, even on CI.
        var terraform = Prerequisite.FindOnPath("terraform");
        if (terraform is null)
        {
            Assert.Ignore("terraform is not installed: https://developer.hashicorp.com/terraform/install");
        }

        var result = ProcessResult.Run(
            terraform,
            ["fmt", "-check", "-diff", "-recursive", "infrastructure"],
            environment: new Dictionary<string, string?> { ["TF_CLI_CONFIG_FILE"] = "/dev/null" });

        result.ExitCode.Should().Be(0, result.Output);
    }
}
