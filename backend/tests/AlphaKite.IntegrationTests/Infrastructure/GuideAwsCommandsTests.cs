using System.Text.Json;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>
/// The AWS CLI commands docs/infrastructure.md gives users, run as written against moto's
/// emulator, on resources shaped the way Terraform creates them.
/// </summary>
[Category("Integration")]
public class GuideAwsCommandsTests
{
    private const string SecretName = "schwab-api-token-prod";

    private MotoServer _moto = null!;
    private string _aws = null!;
    private DirectoryInfo _checkout = null!;

    [OneTimeSetUp]
    public void StartMoto()
    {
        _aws = Prerequisite.RequireOnPath("aws", "pip install awscli");
        _moto = MotoServer.Start();
        _checkout = Directory.CreateTempSubdirectory("alphakite-guide-");
    }

    [OneTimeTearDown]
    public void StopMoto()
    {
        _moto?.Dispose();
        _checkout?.Delete(recursive: true);
    }

    [Test]
    public void TokenUpload_GuideCommand_StoresTheFileAsTheCurrentVersion()
    {
        // As Terraform creates it: a name and no value.
        Aws("secretsmanager", "create-secret", "--name", SecretName, "--description", "schwab-py token file");
        var token = """{"creation_timestamp": 1715000000, "token": {"expires_in": 1800, "token_type": "Bearer", "scope": "api", "refresh_token": "r", "access_token": "a", "id_token": "i", "expires_at": 1715001800}}""";
        Directory.CreateDirectory(Path.Combine(_checkout.FullName, "backend", "config"));
        File.WriteAllText(Path.Combine(_checkout.FullName, "backend", "config", "schwab_token.json"), token);
        var command = DocumentedCommand("aws secretsmanager put-secret-value");

        var upload = Aws(command);

        command.Should().Equal("secretsmanager", "put-secret-value", "--secret-id", SecretName, "--secret-string", "file://backend/config/schwab_token.json");
        upload.GetProperty("Name").GetString().Should().Be(SecretName);
        Aws("secretsmanager", "get-secret-value", "--secret-id", SecretName).GetProperty("SecretString").GetString().Should().Be(token);
        var described = Aws("secretsmanager", "describe-secret", "--secret-id", SecretName);
        described.GetProperty("VersionIdsToStages").GetProperty(upload.GetProperty("VersionId").GetString()!)
            .EnumerateArray().Select(s => s.GetString()).Should().Contain("AWSCURRENT");
    }

    [Test]
    public void NoDataAlarm_GuideCommand_SameAlarmAsTerraform()
    {
        var declared = TerraformConfiguration.Load().Resource("aws_cloudwatch_metric_alarm", "no_data");

        Aws(DocumentedCommand("aws cloudwatch put-metric-alarm"));
        var alarm = Aws("cloudwatch", "describe-alarms", "--alarm-names", "alpha-kite-no-data-alert").GetProperty("MetricAlarms")[0];

        alarm.GetProperty("AlarmName").GetString().Should().Be(TerraformConfiguration.Load().Resolve(declared.GetProperty("alarm_name").GetString()!));
        alarm.GetProperty("MetricName").GetString().Should().Be(declared.GetProperty("metric_name").GetString());
        alarm.GetProperty("Namespace").GetString().Should().Be("AlphaKiteMax/RealTimeStreaming");
        alarm.GetProperty("Statistic").GetString().Should().Be(declared.GetProperty("statistic").GetString());
        // Period and evaluation periods follow run_interval_minutes (locals); TerraformStackTests
        // checks that the default interval applies exactly the guide's 300 s x 3.
        declared.GetProperty("period").GetString().Should().Be("${local.alarm_period_seconds}");
        declared.GetProperty("evaluation_periods").GetString().Should().Be("${local.no_data_evaluation_periods}");
        (alarm.GetProperty("Period").GetInt32(), alarm.GetProperty("EvaluationPeriods").GetInt32()).Should().Be((300, 3));
        alarm.GetProperty("Threshold").GetDouble().Should().Be(declared.GetProperty("threshold").GetDouble());
        alarm.GetProperty("ComparisonOperator").GetString().Should().Be(declared.GetProperty("comparison_operator").GetString());
        alarm.GetProperty("TreatMissingData").GetString().Should().Be(declared.GetProperty("treat_missing_data").GetString());
        alarm.GetProperty("Dimensions").GetArrayLength().Should().Be(0);
    }

    private static string[] DocumentedCommand(string prefix)
    {
        var line = File.ReadLines(RepositoryRoot.Combine("docs", "infrastructure.md"))
            .SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new AssertionException($"docs/infrastructure.md has no line starting with `{prefix}`");
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
    }

    private JsonElement Aws(params string[] arguments)
    {
        var result = ProcessRunner.Run(_aws, [.. arguments, "--output", "json"], _checkout.FullName, new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = _moto.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        });
        result.ExitCode.Should().Be(0, $"aws {string.Join(' ', arguments)} failed: {result.StandardError}");
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(result.StandardOutput) ? "{}" : result.StandardOutput);
        return document.RootElement.Clone();
    }
}
