namespace AlphaKite.Cli.Doctor;

/// <summary>
/// The names Terraform gives an environment's resources: the C# home of the rule in
/// infrastructure/locals.tf (`local.names`). `prod` keeps the deployment guide's names; any other
/// environment appends "-&lt;environment&gt;". A test compares these with locals.tf for two environments.
/// </summary>
public sealed record DeploymentNames(string Environment)
{
    private string Suffix => Environment == "prod" ? "" : $"-{Environment}";

    public string Function => $"alpha-kite-real-time-streamer{Suffix}";

    public string TokenSecret => $"schwab-api-token-{Environment}";

    public string ParameterPrefix => $"/alpha-kite/{Environment}/";

    /// <summary>The token's SecureString parameter when terraform.tfvars says token_store = "ssm".</summary>
    public string TokenParameter => $"{ParameterPrefix}schwab-token";

    public IReadOnlyList<string> Parameters =>
        [$"{ParameterPrefix}schwab-app-key", $"{ParameterPrefix}schwab-app-secret", $"{ParameterPrefix}database-url"];

    public string ScheduleGroup => $"alpha-kite-{Environment}";

    /// <summary>Unique inside their group, which carries the environment: no suffix.</summary>
    public IReadOnlyList<string> Schedules => ["alpha-kite-bars-open", "alpha-kite-bars-day", "alpha-kite-bars-close", "alpha-kite-closeout"];

    public IReadOnlyList<string> Alarms =>
    [
        $"alpha-kite-no-data-alert{Suffix}",
        $"alpha-kite-errors{Suffix}",
        $"alpha-kite-refresh-token-expiring{Suffix}",
        $"alpha-kite-data-lag{Suffix}",
        $"alpha-kite-schedule-dropped{Suffix}",
        $"alpha-kite-closeout-failed{Suffix}",
    ];
}

/// <summary>What terraform.tfvars says the deployment is (Terraform's defaults where it is silent).</summary>
public sealed record DeploymentSettings(string Environment, string Region, IReadOnlyList<string> Tickers, string TokenStore)
{
    public const string SecretsManager = "secretsmanager";
    public const string Ssm = "ssm";

    public DeploymentNames Names => new(Environment);

    public static DeploymentSettings From(TfVars tfvars)
    {
        ArgumentNullException.ThrowIfNull(tfvars);
        var environment = tfvars.Text("environment", "prod");
        var defaultTicker = tfvars.Text("default_ticker", "QQQ");
        // local.tickers: the default ticker first, then the others, each once.
        var tickers = new[] { defaultTicker }.Concat(tfvars.List("tickers", [])).Distinct(StringComparer.Ordinal).ToList();
        var store = tfvars.Text("token_store", SecretsManager);
        if (store is not (SecretsManager or Ssm))
        {
            throw new TfVarsException($"token_store in terraform.tfvars must be \"{SecretsManager}\" or \"{Ssm}\", got \"{store}\"");
        }

        return new DeploymentSettings(environment, tfvars.Text("aws_region", "us-east-1"), tickers, store);
    }
}
