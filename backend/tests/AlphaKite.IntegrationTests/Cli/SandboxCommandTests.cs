using AlphaKite.Cli;
using AlphaKite.Cli.Commands;

namespace AlphaKite.IntegrationTests.Cli;

[TestFixture]
[Category("Integration")]
public sealed class SandboxCommandTests
{
    [Test]
    public async Task Run_CtrlCAfterStart_StopsWithExitCodeZero()
    {
        var command = SandboxCommand.Create();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var exit = await command.Run(new CliArgs(["--port", "0"], command.Flags), cts.Token);

        exit.Should().Be(0);
    }

    [TestCase("--port", "70000", "*--port*0 to 65535*")]
    [TestCase("--colour", "red", "*unknown option '--colour'*")]
    public async Task Run_BadOption_UsageErrorNamingIt(string option, string value, string message)
    {
        var command = SandboxCommand.Create();

        var run = () => command.Run(new CliArgs([option, value], command.Flags), CancellationToken.None);

        await run.Should().ThrowAsync<UsageException>().WithMessage(message);
    }
}
