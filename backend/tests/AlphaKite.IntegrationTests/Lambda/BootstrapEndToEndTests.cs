using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaKite.Core.Calendar;
using AlphaKite.IntegrationTests.Postgres;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Lambda;

/// <summary>
/// The published `bootstrap`, in each x86_64 build deploy_lambda.sh can package (Native AOT and
/// portable), driven through the Runtime API emulator against moto (Secrets Manager, SSM), the
/// Schwab sandbox (real HTTP, a real OAuth login) and PostgreSQL. The bootstrap runs on the system
/// clock, so it reloads a complete past session with {"date": ...}: that answer does not depend on
/// the time of day.
/// </summary>
[Category("Integration")]
[NonParallelizable]
[TestFixture(BootstrapFlavour.Aot)]
[TestFixture(BootstrapFlavour.Portable)]
public sealed class BootstrapEndToEndTests(BootstrapFlavour flavour)
{
    private const string EmfNamespace = "AlphaKiteMax/RealTimeStreaming";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Bootstrap_PastSessionThreeTimesAcrossTokenExpiries_WritesOnceRefreshesAndStoresTheToken()
    {
        // Arrange: the user logged in 31 minutes before uploading, so the uploaded access token is already stale.
        var session = RecentDates.FullSessionBeforeToday();
        var day = session.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var stack = await LambdaStack.StartAsync(token => Shift(token, TimeSpan.FromMinutes(-31)));
        var uploaded = CurrentSecret(stack);
        using var emulator = new RuntimeApiEmulator();
        using var bootstrap = BootstrapProcess.Start(flavour, stack.FunctionEnvironment(emulator));
        var eventJson = $"{{\"date\": \"{day}\"}}";

        // Act: a proactive refresh (stale upload), a warm run with nothing new, then a refresh forced
        // by Schwab revoking the access token (401, refresh, retry).
        var (first, firstPost) = await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);
        var afterFirst = CurrentSecret(stack);
        var (second, secondPost) = await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);
        var afterSecond = CurrentSecret(stack);
        stack.Sandbox.Faults.ExpireAccessTokensNow();
        var (third, thirdPost) = await BootstrapProcess.InvokeAsync(emulator, eventJson, Wait);
        var afterThird = CurrentSecret(stack);
        await bootstrap.StopAsync(emulator);

        // Assert: the responses, byte for byte.
        firstPost.Path.Should().Be($"invocation/{first}/response", bootstrap.Stdout);
        firstPost.Body.Should().Be(Success(390, 390, day));
        secondPost.Path.Should().Be($"invocation/{second}/response", bootstrap.Stdout);
        secondPost.Body.Should().Be(Success(0, 0, day));
        thirdPost.Path.Should().Be($"invocation/{third}/response", bootstrap.Stdout);
        thirdPost.Body.Should().Be(Success(0, 0, day));

        // The rows: one session, every bar with SMA9 (the previous session supplies the history)
        // and VWAP, and the last bar's indicators as SQL computes them from the stored bars.
        var rows = await Sql.RowsAsync(stack.Database.ConnectionString, $"""
            SELECT count(*), count(*) FILTER (WHERE e.price = e.close), count(i.sma9), count(i.vwap),
                   min(e.timestamp AT TIME ZONE 'America/New_York')::time::text, max(e.timestamp AT TIME ZONE 'America/New_York')::time::text
              FROM equity_data e JOIN indicators i USING (ticker, timestamp)
             WHERE e.ticker = 'QQQ' AND (e.timestamp AT TIME ZONE 'America/New_York')::date = '{day}'
            """);
        rows[0].Should().Equal(390L, 390L, 390L, 390L, "09:30:00", "15:59:00");
        (await Sql.ScalarAsync<long>(stack.Database.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(390);
        var check = await Sql.RowsAsync(stack.Database.ConnectionString, """
            WITH last AS (SELECT * FROM indicators ORDER BY timestamp DESC LIMIT 1),
                 nine AS (SELECT close FROM equity_data ORDER BY timestamp DESC LIMIT 9)
            SELECT (SELECT sma9 FROM last), (SELECT avg(close) FROM nine),
                   (SELECT vwap FROM last), (SELECT sum((high + low + close) / 3 * volume) / sum(volume) FROM equity_data)
            """);
        ((decimal)check[0][0]!).Should().BeApproximately((decimal)check[0][1]!, 0.000001m);
        ((decimal)check[0][2]!).Should().BeApproximately((decimal)check[0][3]!, 0.000001m);

        // The token: refreshed by the first and third invocations, each saved once as the new
        // AWSCURRENT, schwab-py shaped, keeping the login's creation_timestamp.
        afterFirst.VersionId.Should().NotBe(uploaded.VersionId);
        afterSecond.VersionId.Should().Be(afterFirst.VersionId);
        afterThird.VersionId.Should().NotBe(afterSecond.VersionId);
        VersionStages(stack).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            [uploaded.VersionId] = [], [afterFirst.VersionId] = ["AWSPREVIOUS"], [afterThird.VersionId] = ["AWSCURRENT"],
        });
        foreach (var (before, after) in new[] { (uploaded, afterFirst), (afterSecond, afterThird) })
        {
            AssertSchwabPyShape(after.Document);
            after.Document["creation_timestamp"]!.GetValue<long>().Should().Be(uploaded.Document["creation_timestamp"]!.GetValue<long>());
            after.Document["token"]!["expires_at"]!.GetValue<long>().Should().BeGreaterThan(before.Document["token"]!["expires_at"]!.GetValue<long>())
                .And.BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds(), 120);
            after.Document["token"]!["access_token"]!.GetValue<string>().Should().NotBe(before.Document["token"]!["access_token"]!.GetValue<string>());
        }

        stack.Sandbox.Stats.RefreshTokenGrants.Should().Be(2);
        stack.Sandbox.Stats.Unauthorized.Should().Be(1, "the revoked token is tried once, then refreshed");

        // The metrics: one EMF line per invocation, no dimensions, consistent with the responses.
        var emf = bootstrap.StdoutLines.Where(l => l.StartsWith("{\"_aws\"", StringComparison.Ordinal)).ToList();
        emf.Should().HaveCount(3);
        var metrics = emf.Select(AssertEmfDirective).ToList();
        metrics.Select(m => (m["DataPointsFetched"], m["RowsWritten"], m["SupabaseUploadSuccess"], m["TokenRefreshEvents"]))
            .Should().Equal((780d, 780d, 1d, 1d), (780d, 0d, 1d, 0d), (780d, 0d, 1d, 1d));
        // A reload of a finished session is not "behind live": no DataLagSeconds, so its age cannot
        // spike the data-lag alarm's graph.
        metrics.Should().OnlyContain(m => m["LatencyMilliseconds"] > 0 && !m.ContainsKey("DataLagSeconds")
            && m["RefreshTokenHoursLeft"] > (7 * 24) - 0.6 && m["RefreshTokenHoursLeft"] <= (7 * 24) - 0.5);

        AssertNoSecret(bootstrap, stack, uploaded.Document, afterFirst.Document, afterThird.Document);
    }

    [Test]
    public async Task Bootstrap_MalformedEventsThenASaturday_PostsNamedErrorsThenMarketIsClosed()
    {
        // Arrange
        var saturday = RecentDates.LatestSaturday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var stack = await LambdaStack.StartAsync();
        var uploaded = CurrentSecret(stack);
        using var emulator = new RuntimeApiEmulator();
        using var bootstrap = BootstrapProcess.Start(flavour, stack.FunctionEnvironment(emulator));

        // Act
        var (misspelt, misspeltPost) = await BootstrapProcess.InvokeAsync(emulator, """{"ticker": ["QQQ"]}""", Wait);
        var (broken, brokenPost) = await BootstrapProcess.InvokeAsync(emulator, """{"date": "2026-02-30"}""", Wait);
        var (closed, closedPost) = await BootstrapProcess.InvokeAsync(emulator, $"{{\"date\": \"{saturday}\"}}", Wait);
        await bootstrap.StopAsync(emulator);

        // Assert
        misspeltPost.Path.Should().Be($"invocation/{misspelt}/error");
        misspeltPost.ContentType.Should().Be("application/vnd.aws.lambda.error+json");
        var misspeltError = JsonDocument.Parse(misspeltPost.Body).RootElement;
        misspeltError.GetProperty("errorType").GetString().Should().Be("InvalidEventException");
        misspeltError.GetProperty("errorMessage").GetString().Should().StartWith("Unknown event field \"ticker\": the fields are tickers, date, force and closeout.");
        brokenPost.Path.Should().Be($"invocation/{broken}/error");
        JsonDocument.Parse(brokenPost.Body).RootElement.GetProperty("errorMessage").GetString()
            .Should().StartWith("\"date\" \"2026-02-30\" is not a date in the form YYYY-MM-DD.");
        closedPost.Path.Should().Be($"invocation/{closed}/response");
        closedPost.Body.Should().Be("""{"statusCode": 200, "body": "{\"message\": \"Market is closed\", \"skipped\": true}"}""");
        bootstrap.StdoutLines.Should().NotContain(l => l.StartsWith("{\"_aws\"", StringComparison.Ordinal), "a closed market publishes no metrics");
        (await Sql.ScalarAsync<long>(stack.Database.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(0);
        CurrentSecret(stack).VersionId.Should().Be(uploaded.VersionId, "nothing needed a token");
        stack.Sandbox.Stats.PriceHistoryRequests.Should().Be(0);
        AssertNoSecret(bootstrap, stack, uploaded.Document);
    }

    [Test]
    public async Task Bootstrap_SchwabSaysTodayIsClosed_MarketIsClosedWithoutPricehistoryAndCalendarDisagreements()
    {
        // Arrange: the sandbox (bars and market hours) is closed from today on; {"force": true} would
        // run outside the window on a calendar day, so only Schwab's word can skip it.
        var today = NewYork.Date(DateTimeOffset.UtcNow);
        var calendar = new NyseCalendar();
        var calendarOpen = calendar.SessionOn(today) is not null;
        await using var stack = await LambdaStack.StartAsync(configureSandbox: o => o with { Sessions = d => d >= today ? null : calendar.SessionOn(d) });
        using var emulator = new RuntimeApiEmulator();
        using var bootstrap = BootstrapProcess.Start(flavour, stack.FunctionEnvironment(emulator));

        // Act: two runs of the warm process.
        var (first, firstPost) = await BootstrapProcess.InvokeAsync(emulator, """{"force": true}""", Wait);
        var (second, secondPost) = await BootstrapProcess.InvokeAsync(emulator, """{"force": true}""", Wait);
        await bootstrap.StopAsync(emulator);

        // Assert
        const string Closed = """{"statusCode": 200, "body": "{\"message\": \"Market is closed\", \"skipped\": true}"}""";
        firstPost.Path.Should().Be($"invocation/{first}/response", bootstrap.Stdout);
        firstPost.Body.Should().Be(Closed);
        secondPost.Path.Should().Be($"invocation/{second}/response", bootstrap.Stdout);
        secondPost.Body.Should().Be(Closed);
        stack.Sandbox.Stats.MarketHoursRequests.Should().Be(1, "once per day per warm process");
        stack.Sandbox.Stats.PriceHistoryRequests.Should().Be(0);
        (await Sql.ScalarAsync<long>(stack.Database.ConnectionString, "SELECT count(*) FROM equity_data")).Should().Be(0);
        var emf = bootstrap.StdoutLines.Where(l => l.StartsWith("{\"_aws\"", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l)!).ToList();
        emf.Should().ContainSingle(bootstrap.Stdout);
        emf[0]["CalendarDisagreements"]!.GetValue<double>().Should().Be(calendarOpen ? 1 : 0, $"the calendar says today is {(calendarOpen ? "open" : "closed")}");
        emf[0]["_aws"]!["CloudWatchMetrics"]![0]!["Metrics"]!.AsArray().Select(m => m!["Name"]!.GetValue<string>()).Should().Equal("CalendarDisagreements");
        bootstrap.StdoutLines.Count(l => l.Contains("\"sessionFrom\":\"schwab\"", StringComparison.Ordinal)).Should().Be(2, bootstrap.Stdout);
        if (calendarOpen)
        {
            bootstrap.StdoutLines.Should().Contain(l => l.Contains("disagree", StringComparison.Ordinal) && l.Contains("\"schwab\":\"closed\"", StringComparison.Ordinal));
        }
    }

    private static string Success(int equityRows, int indicatorRows, string day) =>
        "{\"statusCode\": 200, \"body\": \"{\\\"message\\\": \\\"Data fetched and uploaded successfully\\\", \\\"ticker\\\": \\\"QQQ\\\", "
        + $"\\\"equity_rows\\\": {equityRows}, \\\"indicator_rows\\\": {indicatorRows}, "
        + $"\\\"tickers\\\": [\\\"QQQ\\\"], \\\"date\\\": \\\"{day}\\\", \\\"bars\\\": 390}}\"}}";

    /// <summary>Moves the login's clock back: the document of someone who logged in earlier.</summary>
    private static string Shift(string token, TimeSpan by)
    {
        var document = JsonNode.Parse(token)!;
        document["creation_timestamp"] = document["creation_timestamp"]!.GetValue<long>() + (long)by.TotalSeconds;
        document["token"]!["expires_at"] = document["token"]!["expires_at"]!.GetValue<long>() + (long)by.TotalSeconds;
        return document.ToJsonString();
    }

    private static (string VersionId, JsonNode Document) CurrentSecret(LambdaStack stack)
    {
        var value = JsonNode.Parse(stack.Moto.Aws("secretsmanager", "get-secret-value", "--secret-id", LambdaStack.SecretId, "--output", "json"))!;
        return (value["VersionId"]!.GetValue<string>(), JsonNode.Parse(value["SecretString"]!.GetValue<string>())!);
    }

    private static Dictionary<string, string[]> VersionStages(LambdaStack stack)
    {
        var listed = JsonNode.Parse(stack.Moto.Aws("secretsmanager", "list-secret-version-ids", "--secret-id", LambdaStack.SecretId, "--include-deprecated", "--output", "json"))!;
        return listed["Versions"]!.AsArray().ToDictionary(
            v => v!["VersionId"]!.GetValue<string>(),
            v => v!["VersionStages"]?.AsArray().Select(s => s!.GetValue<string>()).ToArray() ?? []);
    }

    private static void AssertSchwabPyShape(JsonNode document)
    {
        document.AsObject().Select(p => p.Key).Should().BeEquivalentTo("creation_timestamp", "token");
        document["token"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(
            "expires_in", "token_type", "scope", "refresh_token", "access_token", "id_token", "expires_at");
        document["token"]!["expires_in"]!.GetValue<long>().Should().Be(1800);
        document["token"]!["token_type"]!.GetValue<string>().Should().Be("Bearer");
    }

    private static Dictionary<string, double> AssertEmfDirective(string line)
    {
        line.Should().Contain("\"Dimensions\":[[]]");
        var root = JsonNode.Parse(line)!;
        var directive = root["_aws"]!["CloudWatchMetrics"]!.AsArray().Single()!;
        directive["Namespace"]!.GetValue<string>().Should().Be(EmfNamespace);
        var names = directive["Metrics"]!.AsArray().Select(m => m!["Name"]!.GetValue<string>()).ToList();
        names.Should().BeSubsetOf(["DataPointsFetched", "SupabaseUploadSuccess", "LatencyMilliseconds", "TokenRefreshEvents",
            "RowsWritten", "DataLagSeconds", "RefreshTokenHoursLeft"]);
        names.Should().Contain(["DataPointsFetched", "SupabaseUploadSuccess", "LatencyMilliseconds", "TokenRefreshEvents",
            "RowsWritten", "RefreshTokenHoursLeft"]);
        return names.ToDictionary(n => n, n => root[n]!.GetValue<double>());
    }

    private static void AssertNoSecret(BootstrapProcess bootstrap, LambdaStack stack, params JsonNode[] tokens)
    {
        var secrets = tokens.SelectMany(t => new[] { "access_token", "refresh_token", "id_token" }.Select(k => t["token"]![k]!.GetValue<string>()))
            .Append(SandboxAccount.AppSecret).Append(stack.DatabasePassword).Append(stack.DatabaseUrl).Append("e2e-session-token-0d9e");
        foreach (var secret in secrets)
        {
            bootstrap.Stdout.Should().NotContain(secret);
            bootstrap.Stderr.Should().NotContain(secret);
        }
    }
}
