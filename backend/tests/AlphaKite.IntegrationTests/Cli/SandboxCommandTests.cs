using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AlphaKite.Cli;
using AlphaKite.Cli.Commands;
using AlphaKite.Cli.Demo;
using AlphaKite.Core.Calendar;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Schwab;
using AlphaKite.Schwab.OAuth;
using AlphaKite.TestSupport;

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

        var exit = await command.RunAsync(["--port", "0"], cts.Token);

        exit.Should().Be(0);
    }

    [TestCase("--port", "70000", "*--port*0 to 65535*")]
    [TestCase("--colour", "red", "*unknown option '--colour'*")]
    public async Task Run_BadOption_UsageErrorNamingIt(string option, string value, string message)
    {
        var command = SandboxCommand.Create();

        var run = () => command.RunAsync([option, value], CancellationToken.None);

        await run.Should().ThrowAsync<UsageException>().WithMessage(message);
    }

    [TestCase(false, 6, TestName = "Run_WithoutWholeDay_SubDayWindowAnsweredAsAsked")]
    [TestCase(true, 390, TestName = "Run_WholeDay_SubDayWindowAnsweredWithTheWholeSession")]
    public async Task Run_WholeDayFlag_SwitchesWholeDayAnswersOn(bool wholeDay, int expected)
    {
        // Arrange: the command on a free port, on the system clock; a past full session.
        var command = SandboxCommand.Create();
        var port = LoopbackPort.Free();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string[] args = wholeDay ? ["--port", port.ToString(CultureInfo.InvariantCulture), "--whole-day"] : ["--port", port.ToString(CultureInfo.InvariantCulture)];
        var running = command.RunAsync(args, stop.Token);
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var settings = new SchwabSettings("sandbox-app-key", "sandbox-app-secret", "https://127.0.0.1:8182", baseUrl);
        using var http = new HttpClient();
        var login = await RetryUntilListeningAsync(() => SandboxLogin.LoginAsync(settings, new SchwabOAuthClient(http, settings), TimeProvider.System, stop.Token));
        var open = new NyseCalendar().SessionOn(RecentDates.FullSessionBeforeToday())!.Open;

        // Act: 10:00..10:05 New York.
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(baseUrl, $"marketdata/v1/pricehistory?symbol=QQQ&frequencyType=minute&frequency=1&startDate={open.AddMinutes(30).ToUnixTimeMilliseconds()}&endDate={open.AddMinutes(35).ToUnixTimeMilliseconds()}&needExtendedHoursData=false"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.Token.AccessToken);
        using var response = await http.SendAsync(request, stop.Token);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token));
        await stop.CancelAsync();

        // Assert
        json.RootElement.GetProperty("candles").GetArrayLength().Should().Be(expected);
        (await running).Should().Be(0);
    }

    [Test]
    public async Task Help_NamesTheWholeDayFlagAndIndexSymbols()
    {
        var (code, usage, _) = await CliRunner.RunAsync(["sandbox", "--help"], [SandboxCommand.Create()]);

        code.Should().Be(0);
        usage.Should().Contain("--whole-day").And.Contain("$SPX").And.Contain("period=N");
    }

    private static async Task<T> RetryUntilListeningAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
