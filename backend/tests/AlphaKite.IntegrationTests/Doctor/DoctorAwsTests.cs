using AlphaKite.IntegrationTests.Infrastructure;
using AlphaKite.IntegrationTests.TestSupport;
using AlphaKite.Postgres;
using AlphaKite.Schwab.Tokens;
using AlphaKite.TestSupport;

namespace AlphaKite.IntegrationTests.Doctor;

/// <summary>
/// `alphakite doctor --aws` against a stack the real Terraform applied to moto (a staging
/// environment, so every suffixed name is exercised), read with the real AWS CLI v2, plus a real
/// migrated PostgreSQL, once per token store. The tests run in order: the token has no value until the third.
/// </summary>
[Category("Integration")]
[NonParallelizable]
[TestFixture("secretsmanager")]
[TestFixture("ssm")]
public sealed class DoctorAwsTests(string tokenStore)
{
    private const string Tfvars = """
        # As a user writes it: comments, a list, numbers.
        environment    = "staging"
        aws_region     = "us-east-1"
        default_ticker = "QQQ"
        tickers        = ["SPY"] // one more
        schwab_app_key = "fake-app-key-0123456789"
        schwab_secret  = "fake-app-secret-0123456789"
        database_url   = "postgresql://postgres.fakeref:fake-db-password@aws-0-us-east-1.pooler.supabase.com:6543/postgres"
        alert_email    = null
        secret_recovery_window_days = 0
        """;

    private const string TokenParameter = "/alpha-kite/staging/schwab-token";

    private MotoServer _moto = null!;
    private TerraformRig _rig = null!;
    private string _aws = null!;
    private PostgresSettings _db = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task ApplyTheStack()
    {
        _moto = MotoServer.Start();
        _aws = AwsCliV2.Find();
        _rig = new TerraformRig(_moto, $"{Tfvars}\ntoken_store = \"{tokenStore}\"\n");
        _rig.Run("init", "-input=false");
        _rig.Run("apply", "-input=false", "-auto-approve");
        _db = await PostgresServer.CreateMigratedDatabaseAsync("doctor_aws");
        _directory = Directory.CreateTempSubdirectory("alphakite-doctor-aws-").FullName;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _rig?.Dispose();
        _moto?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test, Order(1)]
    public void DoctorAws_SecretWithoutValue_TokenFailsWithTheUploadCommandAndTheRestPasses()
    {
        var result = Doctor(TfVarsPath);

        result.ExitCode.Should().Be(1, result.Output);
        DoctorCli.Line(result, "token").Should().StartWith("FAIL").And.Contain(tokenStore == "ssm"
            ? $"SSM parameter {TokenParameter} holds no token yet"
            : "schwab-api-token-staging has no value yet").And.Contain(tokenStore == "ssm"
            ? $"aws ssm put-parameter --name {TokenParameter} --type SecureString --overwrite"
            : "aws secretsmanager put-secret-value --secret-id schwab-api-token-staging");
        foreach (var check in (string[])["terraform.tfvars", "aws credentials", "lambda function", "schedules", "ssm parameters", "alarms", "database", "migrations", "writer upsert"])
        {
            DoctorCli.Line(result, check).Should().StartWith("ok  ", result.Output);
        }
    }

    [Test, Order(2)]
    public void DoctorAws_FunctionTickersDisagreeWithTfvars_FunctionFailsNamingBothAndTheDeployScript()
    {
        var edited = Path.Combine(_directory, "edited.tfvars");
        File.WriteAllText(edited, Tfvars.Replace("tickers        = [\"SPY\"]", "tickers        = [\"SPY\", \"AAPL\"]", StringComparison.Ordinal));

        var result = Doctor(edited);

        result.ExitCode.Should().Be(1);
        DoctorCli.Line(result, "lambda function").Should().StartWith("FAIL")
            .And.Contain("alpha-kite-real-time-streamer-staging: it runs tickers QQQ,SPY but terraform.tfvars says QQQ,SPY,AAPL")
            .And.Contain("./deploy_lambda.sh");
        DoctorCli.Line(result, "schedules").Should().StartWith("ok  ");
        DoctorCli.Line(result, "alarms").Should().StartWith("ok  ");
    }

    [Test, Order(3)]
    public void DoctorAws_TokenUploaded_EveryCheckPassesAndTheDeployedTokenIsNotRefreshed()
    {
        var now = DateTimeOffset.UtcNow;
        var token = new SchwabTokenFile(now.AddDays(-2).ToUnixTimeSeconds(),
            new SchwabToken(1800, "Bearer", "api", "deployed-refresh", "deployed-access", null, now.AddMinutes(-5).ToUnixTimeSeconds())).ToJson();
        if (tokenStore == "ssm")
        {
            _moto.Aws("ssm", "put-parameter", "--name", TokenParameter, "--type", "SecureString", "--overwrite", "--value", token);
        }
        else
        {
            _moto.Aws("secretsmanager", "put-secret-value", "--secret-id", "schwab-api-token-staging", "--secret-string", token);
        }

        var result = Doctor(TfVarsPath);

        result.ExitCode.Should().Be(0, result.Output);
        DoctorCli.Line(result, "terraform.tfvars").Should().Contain($"environment staging, region us-east-1, tickers QQQ,SPY, token store {tokenStore}");
        DoctorCli.Line(result, "lambda function").Should().StartWith("ok  ").And.Contain("alpha-kite-real-time-streamer-staging");
        DoctorCli.Line(result, "schedules").Should().StartWith("ok  ").And.Contain("4 schedules enabled in group alpha-kite-staging");
        DoctorCli.Line(result, "alarms").Should().StartWith("ok  ").And.Contain("all 6 alarms");
        DoctorCli.Line(result, "token").Should().StartWith("ok  ").And.Contain(tokenStore == "ssm" ? $"SSM parameter {TokenParameter}" : "secret schwab-api-token-staging");
        DoctorCli.Line(result, "refresh token").Should().StartWith("ok  ").And.Contain("5 days left");
        DoctorCli.Line(result, "token refresh").Should().StartWith("skip").And.Contain("deployed function");
        DoctorCli.Line(result, "pricehistory SPY").Should().StartWith("skip");
        DoctorCli.Line(result, "writer upsert").Should().StartWith("ok  ");
        var stored = tokenStore == "ssm"
            ? _moto.Aws("ssm", "get-parameter", "--name", TokenParameter, "--with-decryption")
            : _moto.Aws("secretsmanager", "get-secret-value", "--secret-id", "schwab-api-token-staging");
        stored.Should().Contain("deployed-access", "the doctor never writes the deployed token");
    }

    private string TfVarsPath => Path.Combine(_rig.Infrastructure, "terraform.tfvars");

    private ProcessResult Doctor(string tfvars) =>
        DoctorCli.Run(_directory, new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = _db.ConnectionString,
            ["ALPHAKITE_AWS_CLI"] = _aws,
            ["AWS_ENDPOINT_URL"] = _moto.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        }, "doctor", "--aws", "--tfvars", tfvars);
}
