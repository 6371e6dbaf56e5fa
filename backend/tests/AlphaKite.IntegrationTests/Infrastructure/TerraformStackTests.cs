using System.Text.Json;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// infrastructure/ as a user runs it: terraform fmt, init, validate, plan and apply with the real
/// hashicorp/aws provider against moto; then the guide's AWS CLI v2 commands against the applied
/// stack; a second environment (staging) beside prod in the same account; then the guide's cleanup,
/// `terraform destroy -auto-approve`, and nothing of the stack left. One init for the fixture (the
/// staging stack is a Terraform workspace of the same copy); the tests run in order and build on
/// each other, so a failure early makes the later ones fail too.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class TerraformStackTests
{
    private const string Function = "alpha-kite-real-time-streamer";
    private const string LogGroup = "/aws/lambda/alpha-kite-real-time-streamer";
    private const string Secret = "schwab-api-token-prod";
    private const string CloseOut = "alpha-kite-closeout";

    private static readonly string[] ProdAlarms =
        ["alpha-kite-closeout-failed", "alpha-kite-data-lag", "alpha-kite-errors", "alpha-kite-no-data-alert", "alpha-kite-refresh-token-expiring", "alpha-kite-schedule-dropped"];

    // Fake secrets; recovery window 0 so destroy deletes prod's token secret at once (staging keeps
    // the default of 7 days, to see the scheduled deletion the guide describes).
    private const string Tfvars = """
        schwab_app_key              = "fake-app-key-0123456789"
        schwab_secret               = "fake-app-secret-0123456789"
        database_url                = "postgresql://postgres.fakeref:fake-db-password@aws-0-us-east-1.pooler.supabase.com:6543/postgres"
        alert_email                 = "alerts@example.com"
        secret_recovery_window_days = 0
        """;

    private MotoServer _moto = null!;
    private TerraformRig _rig = null!;
    private AwsCliV2 _aws = null!;

    [OneTimeSetUp]
    public void InitAgainstMoto()
    {
        _moto = MotoServer.Start();
        _aws = new AwsCliV2(_moto, AwsCliV2.Find());
        _rig = new TerraformRig(_moto, Tfvars);
        _rig.Run("init", "-input=false");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _rig?.Dispose();
        _moto?.Dispose();
    }

    [Test, Order(1)]
    public void Configuration_FmtCheckedAndValid_PlansTheWholeStack()
    {
        // fmt on the real directory, not the copy: the files in the repository must be formatted.
        var fmt = ProcessRunner.Run(_rig.Terraform, ["fmt", "-check", "-diff", "-no-color", RepositoryRoot.Combine("infrastructure")], RepositoryRoot.Path, environment: TerraformRig.Environment);
        fmt.ExitCode.Should().Be(0, $"terraform fmt -check found unformatted files:\n{fmt.Output}");

        _rig.Run("validate");
        var plan = _rig.Run("plan", "-input=false", "-out=prod.tfplan");

        plan.StandardOutput.Should().Contain("Plan: 25 to add, 0 to change, 0 to destroy.");
        plan.StandardOutput.Should().NotContain("fake-app-secret").And.NotContain("fake-db-password");

        // Any interval but 1 or 5 is refused before anything is planned, in our words.
        var refused = ProcessRunner.Run(_rig.Terraform, ["plan", "-input=false", "-var", "run_interval_minutes=2", "-no-color"], _rig.Infrastructure, TerraformRig.Environment);
        refused.ExitCode.Should().NotBe(0);
        // Terraform wraps its diagnostics: compare with the whitespace folded.
        System.Text.RegularExpressions.Regex.Replace(refused.Output, @"\s+", " ")
            .Should().Contain("Invalid value for variable").And.Contain("run_interval_minutes must be 1 (every completed bar) or 5 (every five minutes).");
    }

    [Test, Order(2)]
    public void Apply_TheReviewedPlan_CreatesTheGuidesNames()
    {
        _rig.Run("apply", "-input=false", "prod.tfplan");
        var outputs = _rig.Outputs();

        outputs.GetProperty("function_name").GetProperty("value").GetString().Should().Be(Function);
        outputs.GetProperty("log_group_name").GetProperty("value").GetString().Should().Be(LogGroup);
        outputs.GetProperty("token_secret_name").GetProperty("value").GetString().Should().Be(Secret);
        outputs.GetProperty("schedule_group_name").GetProperty("value").GetString().Should().Be("alpha-kite-prod");
        outputs.GetProperty("schedule_names").GetProperty("value").EnumerateArray().Select(s => s.GetString())
            .Should().Equal("alpha-kite-bars-close", "alpha-kite-bars-day", "alpha-kite-bars-open");
        outputs.GetProperty("closeout_schedule_name").GetProperty("value").GetString().Should().Be(CloseOut);
        outputs.GetProperty("alarm_names").GetProperty("value").EnumerateArray().Select(a => a.GetString()).Should().BeEquivalentTo(ProdAlarms);
        outputs.GetProperty("dashboard_url").GetProperty("value").GetString().Should().Be(
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/alpha-kite-prod");
    }

    [Test, Order(3)]
    public void GuideCommands_AgainstTheAppliedStack_AnswerAsTheGuideSays()
    {
        // describe-secret: the container exists and holds no value yet.
        var secret = _aws.Json("secretsmanager", "describe-secret", "--secret-id", Secret);
        secret.TryGetProperty("VersionIdsToStages", out var versions).Should().BeFalse($"Terraform manages no secret value: {versions}");

        // The token upload exactly as the token_upload_command output prints it, from a directory
        // laid out like the repository root.
        var checkout = Directory.CreateTempSubdirectory("alphakite-checkout-");
        try
        {
            var token = """{"creation_timestamp": 1715000000, "token": {"refresh_token": "fake-refresh", "access_token": "fake-access", "expires_at": 1715001800}}""";
            Directory.CreateDirectory(Path.Combine(checkout.FullName, "backend", "config"));
            File.WriteAllText(Path.Combine(checkout.FullName, "backend", "config", "schwab_token.json"), token);
            var upload = _rig.Outputs().GetProperty("token_upload_command").GetProperty("value").GetString()!.Split(' ');
            upload[0].Should().Be("aws");
            var uploaded = _aws.TryRun(checkout.FullName, upload[1..]);
            uploaded.ExitCode.Should().Be(0, uploaded.Output);
            _aws.Json("secretsmanager", "get-secret-value", "--secret-id", Secret).GetProperty("SecretString").GetString().Should().Be(token);
        }
        finally
        {
            checkout.Delete(recursive: true);
        }

        // The function: 128 MB, 30 s, provided.al2023, x86_64, and an environment of names only.
        var configuration = _aws.Json("lambda", "get-function-configuration", "--function-name", Function);
        configuration.GetProperty("MemorySize").GetInt32().Should().Be(128);
        configuration.GetProperty("Timeout").GetInt32().Should().Be(30);
        configuration.GetProperty("Runtime").GetString().Should().Be("provided.al2023");
        configuration.GetProperty("Handler").GetString().Should().Be("bootstrap");
        configuration.GetProperty("Architectures").EnumerateArray().Select(a => a.GetString()).Should().Equal("x86_64");
        var environment = configuration.GetProperty("Environment").GetProperty("Variables").GetRawText();
        environment.Should().Contain("\"ALPHAKITE_TOKEN_SECRET_ID\": \"schwab-api-token-prod\"").And.Contain("\"ALPHAKITE_PARAMETER_PREFIX\": \"/alpha-kite/prod/\"");
        environment.Should().NotContain("fake-app-key").And.NotContain("fake-app-secret").And.NotContain("fake-db-password").And.NotContain("fake-refresh");
        // No reservation by default: a new account (concurrency limit 10) cannot reserve any.
        _aws.Json("lambda", "get-function-concurrency", "--function-name", Function).TryGetProperty("ReservedConcurrentExecutions", out _).Should().BeFalse();

        // No resource-based policy: Scheduler invokes through its own role (lambda:InvokeFunction on
        // this function), so get-policy finds nothing, which is what the guide expects.
        var policy = _aws.TryRun(Path.GetTempPath(), "lambda", "get-policy", "--function-name", Function);
        policy.ExitCode.Should().NotBe(0);
        policy.StandardError.Should().Contain("ResourceNotFoundException");

        // The schedules: New York time, 09:31-16:00 on weekdays with an empty event, and the close-out
        // run at 16:10 with exactly {"closeout":true}, each through the scheduler role, no retries.
        var names = _aws.Json("scheduler", "list-schedules", "--group-name", "alpha-kite-prod").GetProperty("Schedules")
            .EnumerateArray().Select(s => s.GetProperty("Name").GetString()).ToList();
        names.Should().BeEquivalentTo("alpha-kite-bars-open", "alpha-kite-bars-day", "alpha-kite-bars-close", CloseOut);
        var expected = new Dictionary<string, (string Expression, string Input)>
        {
            ["alpha-kite-bars-open"] = ("cron(31-59 9 ? * MON-FRI *)", "{}"),
            ["alpha-kite-bars-day"] = ("cron(* 10-15 ? * MON-FRI *)", "{}"),
            ["alpha-kite-bars-close"] = ("cron(0 16 ? * MON-FRI *)", "{}"),
            [CloseOut] = ("cron(10 16 ? * MON-FRI *)", """{"closeout":true}"""),
        };
        foreach (var (name, (expression, input)) in expected)
        {
            var schedule = _aws.Json("scheduler", "get-schedule", "--group-name", "alpha-kite-prod", "--name", name);
            schedule.GetProperty("ScheduleExpression").GetString().Should().Be(expression, name);
            schedule.GetProperty("ScheduleExpressionTimezone").GetString().Should().Be("America/New_York", name);
            schedule.GetProperty("FlexibleTimeWindow").GetProperty("Mode").GetString().Should().Be("OFF", name);
            var target = schedule.GetProperty("Target");
            target.GetProperty("Arn").GetString().Should().EndWith($":function:{Function}", name);
            target.GetProperty("RoleArn").GetString().Should().EndWith(":role/alpha-kite-scheduler-prod", name);
            target.GetProperty("Input").GetString().Should().Be(input, name);
            target.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32().Should().Be(0, name);
            target.GetProperty("RetryPolicy").GetProperty("MaximumEventAgeInSeconds").GetInt32().Should().Be(60, name);
        }

        // The alarms by the guide's names; the token alarm at its real threshold (72 h).
        var alarms = _aws.Json("cloudwatch", "describe-alarms", "--alarm-name-prefix", "alpha-kite").GetProperty("MetricAlarms").EnumerateArray().ToList();
        alarms.Select(a => a.GetProperty("AlarmName").GetString()).Should().BeEquivalentTo(ProdAlarms);
        alarms.Single(a => a.GetProperty("AlarmName").GetString() == "alpha-kite-refresh-token-expiring").GetProperty("Threshold").GetDouble().Should().Be(72);
        // Each alarm watches a metric the function publishes (without dimensions) or Lambda's errors of this function.
        var watched = new Dictionary<string, (string Namespace, string Metric, string Statistic, string Comparison)>
        {
            ["alpha-kite-no-data-alert"] = ("AlphaKiteMax/RealTimeStreaming", "DataPointsFetched", "Sum", "LessThanThreshold"),
            ["alpha-kite-refresh-token-expiring"] = ("AlphaKiteMax/RealTimeStreaming", "RefreshTokenHoursLeft", "Minimum", "LessThanThreshold"),
            ["alpha-kite-data-lag"] = ("AlphaKiteMax/RealTimeStreaming", "DataLagSeconds", "Maximum", "GreaterThanThreshold"),
            ["alpha-kite-closeout-failed"] = ("AlphaKiteMax/RealTimeStreaming", "CloseOutSuccess", "Minimum", "LessThanThreshold"),
            ["alpha-kite-errors"] = ("AWS/Lambda", "Errors", "Sum", "GreaterThanOrEqualToThreshold"),
        };
        foreach (var (name, metric) in watched)
        {
            var alarm = alarms.Single(a => a.GetProperty("AlarmName").GetString() == name);
            (alarm.GetProperty("Namespace").GetString(), alarm.GetProperty("MetricName").GetString(), alarm.GetProperty("Statistic").GetString(),
                alarm.GetProperty("ComparisonOperator").GetString()).Should().Be(metric, name);
            List<string?> dimensions = alarm.TryGetProperty("Dimensions", out var d) ? [.. d.EnumerateArray().Select(x => x.GetProperty("Name").GetString())] : [];
            string?[] expectedDimensions = metric.Namespace == "AWS/Lambda" ? ["FunctionName"] : [];
            dimensions.Should().Equal(expectedDimensions, name);
        }

        alarms.Single(a => a.GetProperty("AlarmName").GetString() == "alpha-kite-no-data-alert").GetProperty("Threshold").GetDouble().Should().Be(1);

        // One failed close-out (CloseOutSuccess 0 in one 5-minute period) is enough.
        var closeOut = alarms.Single(a => a.GetProperty("AlarmName").GetString() == "alpha-kite-closeout-failed");
        (closeOut.GetProperty("Namespace").GetString(), closeOut.GetProperty("MetricName").GetString(), closeOut.GetProperty("Statistic").GetString(),
            closeOut.GetProperty("Period").GetInt32(), closeOut.GetProperty("EvaluationPeriods").GetInt32(), closeOut.GetProperty("Threshold").GetDouble(),
            closeOut.GetProperty("ComparisonOperator").GetString(), closeOut.GetProperty("TreatMissingData").GetString())
            .Should().Be(("AlphaKiteMax/RealTimeStreaming", "CloseOutSuccess", "Minimum", 300, 1, 1d, "LessThanThreshold", "notBreaching"));
        // Every minute (the default): the no-data and lag alarms keep their 5-minute periods.
        ExpectAlarmsFollowTheInterval(alarms, "", interval: 1);
        ExpectDashboard("alpha-kite-prod", Function, "alpha-kite-prod", alarms.Where(a => !a.GetProperty("AlarmName").GetString()!.EndsWith("-staging", StringComparison.Ordinal)), interval: 1);

        // aws logs tail (v2 only) prints what the function's group holds.
        _aws.Json("logs", "create-log-stream", "--log-group-name", LogGroup, "--log-stream-name", "2026/11/20/[$LATEST]test");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _aws.Json("logs", "put-log-events", "--log-group-name", LogGroup, "--log-stream-name", "2026/11/20/[$LATEST]test",
            "--log-events", $"timestamp={now},message=Data fetched and stored: QQQ");
        var tail = _aws.TryRun(Path.GetTempPath(), "logs", "tail", LogGroup, "--since", "30m");
        tail.ExitCode.Should().Be(0, tail.Output);
        tail.StandardOutput.Should().Contain("Data fetched and stored: QQQ");
    }

    [Test, Order(4)]
    public void SecondEnvironment_Staging_CoexistsWithProdAndTakesOverNothing()
    {
        _rig.Run("workspace", "new", "staging");
        // staging runs every 5 minutes: both intervals plan and apply.
        _rig.Run("apply", "-input=false", "-auto-approve", "-var", "environment=staging", "-var", "secret_recovery_window_days=7", "-var", "run_interval_minutes=5");

        var staging = _rig.Outputs();
        staging.GetProperty("function_name").GetProperty("value").GetString().Should().Be($"{Function}-staging");
        staging.GetProperty("log_group_name").GetProperty("value").GetString().Should().Be($"{LogGroup}-staging");
        staging.GetProperty("token_secret_name").GetProperty("value").GetString().Should().Be("schwab-api-token-staging");
        staging.GetProperty("schedule_group_name").GetProperty("value").GetString().Should().Be("alpha-kite-staging");
        staging.GetProperty("closeout_schedule_name").GetProperty("value").GetString().Should().Be(CloseOut);
        staging.GetProperty("schedule_names").GetProperty("value").EnumerateArray().Select(s => s.GetString())
            .Should().Equal(["alpha-kite-bars-close", "alpha-kite-bars-day", "alpha-kite-bars-open"], "the same schedules (and addresses) every 5 minutes");
        staging.GetProperty("dashboard_url").GetProperty("value").GetString().Should().EndWith("#dashboards/dashboard/alpha-kite-staging");
        var fiveMinutes = new Dictionary<string, string>
        {
            ["alpha-kite-bars-open"] = "cron(35-55/5 9 ? * MON-FRI *)",
            ["alpha-kite-bars-day"] = "cron(0/5 10-15 ? * MON-FRI *)",
            ["alpha-kite-bars-close"] = "cron(0 16 ? * MON-FRI *)",
            [CloseOut] = "cron(10 16 ? * MON-FRI *)",
        };
        foreach (var (name, expression) in fiveMinutes)
        {
            _aws.Json("scheduler", "get-schedule", "--group-name", "alpha-kite-staging", "--name", name).GetProperty("ScheduleExpression").GetString().Should().Be(expression, name);
        }

        // The close-out keeps its plain name: names are per group, and each environment has its own.
        _aws.Json("scheduler", "get-schedule", "--group-name", "alpha-kite-staging", "--name", CloseOut)
            .GetProperty("Target").GetProperty("Arn").GetString().Should().EndWith($":function:{Function}-staging");
        _aws.Json("scheduler", "get-schedule", "--group-name", "alpha-kite-prod", "--name", CloseOut)
            .GetProperty("Target").GetProperty("Arn").GetString().Should().EndWith($":function:{Function}");

        var functions = _aws.Json("lambda", "list-functions").GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString());
        functions.Should().BeEquivalentTo(Function, $"{Function}-staging");
        var alarms = _aws.Json("cloudwatch", "describe-alarms", "--alarm-name-prefix", "alpha-kite").GetProperty("MetricAlarms").EnumerateArray().ToList();
        alarms.Select(a => a.GetProperty("AlarmName").GetString()).Should().BeEquivalentTo([.. ProdAlarms, .. ProdAlarms.Select(a => $"{a}-staging")]);
        // prod's alarms still watch prod's function and notify prod's topic.
        var errors = alarms.Single(a => a.GetProperty("AlarmName").GetString() == "alpha-kite-errors");
        errors.GetProperty("Dimensions")[0].GetProperty("Value").GetString().Should().Be(Function);
        errors.GetProperty("AlarmActions")[0].GetString().Should().EndWith(":alpha-kite-alerts-prod");
        var stagingErrors = alarms.Single(a => a.GetProperty("AlarmName").GetString() == "alpha-kite-errors-staging");
        stagingErrors.GetProperty("Dimensions")[0].GetProperty("Value").GetString().Should().Be($"{Function}-staging");
        ExpectAlarmsFollowTheInterval(alarms, "-staging", interval: 5);
        ExpectDashboard("alpha-kite-staging", $"{Function}-staging", "alpha-kite-staging", alarms.Where(a => a.GetProperty("AlarmName").GetString()!.EndsWith("-staging", StringComparison.Ordinal)), interval: 5);
        ExpectDashboard("alpha-kite-prod", Function, "alpha-kite-prod", alarms.Where(a => !a.GetProperty("AlarmName").GetString()!.EndsWith("-staging", StringComparison.Ordinal)), interval: 1);
        _aws.Json("iam", "list-roles").GetProperty("Roles").EnumerateArray().Select(r => r.GetProperty("RoleName").GetString())
            .Should().Contain(["alpha-kite-streamer-prod", "alpha-kite-scheduler-prod", "alpha-kite-streamer-staging", "alpha-kite-scheduler-staging"]);
        _aws.Json("lambda", "get-function-configuration", "--function-name", Function)
            .GetProperty("Environment").GetProperty("Variables").GetProperty("ALPHAKITE_ENVIRONMENT").GetString().Should().Be("prod");
    }

    [Test, Order(5)]
    public void Destroy_BothEnvironments_NothingOfTheStackLeftInMoto()
    {
        // staging first: prod must come through another environment's destroy untouched.
        _rig.Run("destroy", "-input=false", "-auto-approve", "-var", "environment=staging", "-var", "secret_recovery_window_days=7", "-var", "run_interval_minutes=5");
        Names("cloudwatch", "list-dashboards", "DashboardEntries", "DashboardName").Should().Equal("alpha-kite-prod");
        _aws.Json("lambda", "list-functions").GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString())
            .Should().Equal(Function);
        // A secret with a recovery window is only scheduled for deletion, as the guide says.
        _aws.Json("secretsmanager", "describe-secret", "--secret-id", "schwab-api-token-staging").TryGetProperty("DeletedDate", out _).Should().BeTrue();
        ScheduleExists("alpha-kite-staging", CloseOut).Should().BeFalse("staging's destroy removes its close-out schedule");
        ScheduleExists("alpha-kite-prod", CloseOut).Should().BeTrue("prod's close-out schedule is not staging's to remove");

        _rig.Run("workspace", "select", "default");
        _rig.Run("destroy", "-input=false", "-auto-approve");

        Names("lambda", "list-functions", "Functions", "FunctionName").Should().BeEmpty();
        Names("logs", "describe-log-groups", "logGroups", "logGroupName").Should().BeEmpty();
        Names("ssm", "describe-parameters", "Parameters", "Name").Should().BeEmpty();
        Names("scheduler", "list-schedules", "Schedules", "Name").Should().BeEmpty();
        ScheduleExists("alpha-kite-prod", CloseOut).Should().BeFalse("destroy removes the close-out schedule");
        Names("scheduler", "list-schedule-groups", "ScheduleGroups", "Name").Should().Equal("default");
        Names("cloudwatch", "describe-alarms", "MetricAlarms", "AlarmName").Should().BeEmpty();
        Names("cloudwatch", "list-dashboards", "DashboardEntries", "DashboardName").Should().BeEmpty();
        Names("iam", "list-roles", "Roles", "RoleName").Should().NotContain(r => r!.StartsWith("alpha-kite", StringComparison.Ordinal));
        Names("sns", "list-topics", "Topics", "TopicArn").Should().BeEmpty();
        Names("sns", "list-subscriptions", "Subscriptions", "SubscriptionArn").Should().BeEmpty();
        // prod's secret had no recovery window: gone at once. staging's waits out its 7 days.
        _aws.Json("secretsmanager", "list-secrets", "--include-planned-deletion").GetProperty("SecretList").EnumerateArray()
            .Select(s => s.GetProperty("Name").GetString()).Should().Equal("schwab-api-token-staging");
    }

    /// <summary>
    /// The no-data and lag alarms of one environment, as applied: their windows stay 15 and 10
    /// minutes with a period no shorter than the interval; a healthy session never alarms, a stalled
    /// one (Schwab silent from 11:00) alarms within 20 minutes.
    /// </summary>
    private static void ExpectAlarmsFollowTheInterval(List<JsonElement> alarms, string suffix, int interval)
    {
        var noData = AlarmWindow.From(alarms.Single(a => a.GetProperty("AlarmName").GetString() == $"alpha-kite-no-data-alert{suffix}"));
        var lag = AlarmWindow.From(alarms.Single(a => a.GetProperty("AlarmName").GetString() == $"alpha-kite-data-lag{suffix}"));
        var end = SessionRuns.Close.AddMinutes(30);

        if (interval == 1)
        {
            // The default is the deployment guide's alarm exactly: its put-metric-alarm command in
            // docs/infrastructure.md says --period 300 --evaluation-periods 3 (GuideAwsCommandsTests).
            (noData.Period, noData.EvaluationPeriods, lag.Period, lag.EvaluationPeriods).Should().Be((300, 3, 300, 2));
        }

        (noData.Period * noData.EvaluationPeriods).Should().Be(15 * 60, "no data for 15 minutes");
        (lag.Period * lag.EvaluationPeriods).Should().Be(10 * 60, "lagging for 10 minutes");
        noData.Period.Should().BeGreaterThanOrEqualTo(60 * interval, "every period holds a run");
        noData.FirstAlarm(SessionRuns.Fetched(interval, stalled: false), SessionRuns.Open, end).Should().BeNull($"a healthy {interval}-minute session never alarms (no data)");
        lag.FirstAlarm(SessionRuns.Lag(interval, stalled: false), SessionRuns.Open, end).Should().BeNull($"a healthy {interval}-minute session never alarms (lag)");
        noData.FirstAlarm(SessionRuns.Fetched(interval, stalled: true), SessionRuns.Open, end).Should().NotBeNull().And.BeOnOrBefore(SessionRuns.Stall.AddMinutes(20));
        lag.FirstAlarm(SessionRuns.Lag(interval, stalled: true), SessionRuns.Open, end).Should().NotBeNull().And.BeOnOrBefore(SessionRuns.Stall.AddMinutes(20));
        // The model sees the failure the periods avoid: one-minute periods with 5-minute runs hold no
        // run in four of five, so a stalled deployment would never alarm.
        (noData with { Period = 60, EvaluationPeriods = 15 }).FirstAlarm(SessionRuns.Fetched(5, stalled: true), SessionRuns.Open, end).Should().BeNull();
    }

    /// <summary>
    /// The environment's dashboard, its body parsed: every metric the function publishes (the names
    /// come from the EMF writer itself), Lambda's duration and errors for this function, Scheduler's
    /// drops for this group, and an alarm widget listing exactly this environment's alarms.
    /// </summary>
    private void ExpectDashboard(string name, string function, string scheduleGroup, IEnumerable<JsonElement> alarms, int interval)
    {
        var dashboard = _aws.Json("cloudwatch", "get-dashboard", "--dashboard-name", name);
        using var body = JsonDocument.Parse(dashboard.GetProperty("DashboardBody").GetString()!);
        var widgets = body.RootElement.GetProperty("widgets").EnumerateArray().ToList();

        var metrics = new List<(string Namespace, string Metric, string Dimensions)>();
        foreach (var widget in widgets.Where(w => w.GetProperty("type").GetString() == "metric"))
        {
            var properties = widget.GetProperty("properties");
            properties.GetProperty("region").GetString().Should().Be(MotoServer.Region);
            properties.GetProperty("period").GetInt32().Should().Be(60 * interval, "one data point per run");
            foreach (var metric in properties.GetProperty("metrics").EnumerateArray())
            {
                var parts = metric.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList();
                metrics.Add((parts[0], parts[1], string.Join("=", parts.Skip(2))));
            }
        }

        var emitted = EmittedMetricNames();
        var ours = metrics.Where(m => m.Namespace == "AlphaKiteMax/RealTimeStreaming").ToList();
        ours.Select(m => m.Metric).Should().Contain(emitted, "every metric the function publishes is on the dashboard");
        ours.Select(m => m.Metric).Should().BeSubsetOf(emitted.Append("CalendarDisagreements"), "the dashboard shows only metrics the function publishes (CalendarDisagreements: the market-hours check)");
        ours.Should().OnlyContain(m => m.Dimensions == "", "the function publishes without dimensions");
        metrics.Should().Contain([("AWS/Lambda", "Duration", $"FunctionName={function}"), ("AWS/Lambda", "Errors", $"FunctionName={function}"),
            ("AWS/Scheduler", "InvocationDroppedCount", $"ScheduleGroup={scheduleGroup}")]);

        var listed = widgets.Single(w => w.GetProperty("type").GetString() == "alarm").GetProperty("properties").GetProperty("alarms")
            .EnumerateArray().Select(a => a.GetString());
        listed.Should().BeEquivalentTo(alarms.Select(a => a.GetProperty("AlarmArn").GetString()), "the alarm widget shows every alarm of the environment");
    }

    /// <summary>The names the EMF writer puts in a line with every optional metric present.</summary>
    private static List<string> EmittedMetricNames()
    {
        var line = AlphaKite.Aws.Metrics.EmfMetrics.Format(
            new AlphaKite.Aws.Metrics.TickMetrics(1, 2, true, TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(3), TimeSpan.FromHours(100), CloseOutSucceeded: true),
            DateTimeOffset.UnixEpoch, []);
        using var emf = JsonDocument.Parse(line);
        return [.. emf.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()!)];
    }

    private bool ScheduleExists(string group, string name)
    {
        var schedule = _aws.TryRun(Path.GetTempPath(), "scheduler", "get-schedule", "--group-name", group, "--name", name);
        if (schedule.ExitCode == 0)
        {
            return true;
        }

        schedule.StandardError.Should().Contain("ResourceNotFoundException", "a failure other than not-found proves nothing");
        return false;
    }

    private List<string?> Names(string service, string command, string list, string name) =>
        _aws.Json(service, command).GetProperty(list).EnumerateArray().Select(e => e.GetProperty(name).GetString()).ToList();
}
