using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class ShellScriptTests
{
    [Test]
    public void Shellcheck_EveryScriptInTheRepository_Clean()
    {
        var shellcheck = Prerequisite.RequireOnPath("shellcheck", "apt-get install shellcheck");
        var git = Prerequisite.RequireOnPath("git", "apt-get install git");
        var listed = ProcessRunner.Run(git, ["ls-files", "*.sh", ".ci/run"], RepositoryRoot.Path);
        listed.ExitCode.Should().Be(0, listed.StandardError);
        var scripts = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var result = ProcessRunner.Run(shellcheck, ["--external-sources", .. scripts], RepositoryRoot.Path);

        scripts.Should().Contain(["deploy_lambda.sh", "test.sh", ".ci/run"]);
        result.ExitCode.Should().Be(0, result.Output);
    }
}
