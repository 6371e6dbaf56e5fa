using AlphaKite.Aws.Secrets;
using System.Text.Json;
using AlphaKite.Core.Ports;

namespace AlphaKite.Cli.Doctor;

/// <summary>
/// `doctor --aws`: the deployment that infrastructure/terraform.tfvars describes, read with the user's
/// AWS CLI: credentials, the function and its configuration, the schedules, the three SSM parameters
/// and the alarms, each compared with terraform.tfvars. The token in the deployed store is checked by
/// <see cref="LocalChecks"/> through <see cref="TokenStore"/>.
/// </summary>
public sealed class AwsChecks(string tfvarsPath, string awsExecutable, string? endpointUrl)
{
    private const string Redeploy = "Fix: run ./deploy_lambda.sh to apply infrastructure/terraform.tfvars (docs/deployment.md)";
    private static readonly CheckResult NeedsTfVars = CheckResult.Skip("needs a readable terraform.tfvars (see above)");
    private static readonly CheckResult NeedsCredentials = CheckResult.Skip("needs working AWS credentials (see above)");

    private DeploymentSettings? _settings;
    private AwsCli? _cli;
    private bool _signedIn;
    private string? _functionArn;

    /// <summary>The deployed token store that terraform.tfvars names (a Secrets Manager secret or an SSM parameter).</summary>
    public ITokenStore TokenStore => new DeployedTokenStore(this);

    public IEnumerable<DoctorCheck> All()
    {
        yield return new DoctorCheck("terraform.tfvars", _ => Task.FromResult(ReadTfVars()));
        yield return new DoctorCheck("aws credentials", CredentialsAsync);
        yield return new DoctorCheck("lambda function", FunctionAsync);
        yield return new DoctorCheck("schedules", SchedulesAsync);
        yield return new DoctorCheck("ssm parameters", ParametersAsync);
        yield return new DoctorCheck("alarms", AlarmsAsync);
    }

    private CheckResult ReadTfVars()
    {
        _settings = DeploymentSettings.From(TfVars.Load(tfvarsPath));
        _cli = new AwsCli(awsExecutable, _settings.Region, endpointUrl);
        return CheckResult.Ok(
            $"{tfvarsPath}: environment {_settings.Environment}, region {_settings.Region}, tickers {string.Join(",", _settings.Tickers)}, token store {_settings.TokenStore}");
    }

    private async Task<CheckResult> CredentialsAsync(CancellationToken ct)
    {
        if (_cli is null)
        {
            return NeedsTfVars;
        }

        try
        {
            var identity = await _cli.CallAsync(["sts", "get-caller-identity"], ct);
            _signedIn = true;
            return CheckResult.Ok($"account {Text(identity, "Account")} as {Text(identity, "Arn")}");
        }
        catch (AwsCliException e)
        {
            return CheckResult.Fail(
                $"the AWS CLI has no working credentials ({e.Message}). Fix: `aws configure`, `aws sso login`, or set AWS_PROFILE; then run `aws sts get-caller-identity`");
        }
    }

    private async Task<CheckResult> FunctionAsync(CancellationToken ct)
    {
        if (Ready() is { } skip)
        {
            return skip;
        }

        var (settings, cli) = (_settings!, _cli!);
        var name = settings.Names.Function;
        JsonElement function;
        try
        {
            function = await cli.CallAsync(["lambda", "get-function-configuration", "--function-name", name], ct);
        }
        catch (AwsCliException e) when (e.IsNotFound)
        {
            return CheckResult.Fail($"there is no function {name} in {settings.Region}. {Redeploy}");
        }

        _functionArn = Text(function, "FunctionArn");
        var variables = function.TryGetProperty("Environment", out var env) && env.TryGetProperty("Variables", out var v) ? v : default;
        string? Variable(string key) => variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(key, out var value) ? value.GetString() : null;

        var problems = new List<string>();
        var tickers = string.Join(",", settings.Tickers);
        if (Variable("ALPHAKITE_TICKERS") is var deployed && deployed != tickers)
        {
            problems.Add($"it runs tickers {deployed ?? "(none)"} but terraform.tfvars says {tickers}");
        }

        if (Variable("ALPHAKITE_ENVIRONMENT") is var environment && environment != settings.Environment)
        {
            problems.Add($"its environment is {environment ?? "(none)"} but terraform.tfvars says {settings.Environment}");
        }

        // The contract with the Lambda: ALPHAKITE_TOKEN_STORE absent means secretsmanager.
        var store = Variable("ALPHAKITE_TOKEN_STORE") ?? DeploymentSettings.SecretsManager;
        if (store != settings.TokenStore)
        {
            problems.Add($"it keeps its token in {store} but terraform.tfvars says token_store = \"{settings.TokenStore}\"");
        }
        else if (settings.TokenStore == DeploymentSettings.SecretsManager && Variable("ALPHAKITE_TOKEN_SECRET_ID") != settings.Names.TokenSecret)
        {
            problems.Add($"it reads the token from secret {Variable("ALPHAKITE_TOKEN_SECRET_ID") ?? "(none)"}, not {settings.Names.TokenSecret}");
        }
        else if (settings.TokenStore == DeploymentSettings.Ssm && Variable("ALPHAKITE_TOKEN_PARAMETER") != settings.Names.TokenParameter)
        {
            problems.Add($"it reads the token from parameter {Variable("ALPHAKITE_TOKEN_PARAMETER") ?? "(none)"}, not {settings.Names.TokenParameter}");
        }

        return problems.Count == 0
            ? CheckResult.Ok($"{name} ({Text(function, "Runtime")}, {Text(function, "State")}) runs {tickers} in {settings.Environment}")
            : CheckResult.Fail($"{name}: {string.Join("; ", problems)}. {Redeploy}");
    }

    private async Task<CheckResult> SchedulesAsync(CancellationToken ct)
    {
        if (Ready() is { } skip)
        {
            return skip;
        }

        var names = _settings!.Names;
        JsonElement listed;
        try
        {
            listed = await _cli!.CallAsync(["scheduler", "list-schedules", "--group-name", names.ScheduleGroup], ct);
        }
        catch (AwsCliException e) when (e.IsNotFound)
        {
            return CheckResult.Fail($"there is no schedule group {names.ScheduleGroup}. {Redeploy}");
        }

        var found = listed.TryGetProperty("Schedules", out var schedules) ? schedules.EnumerateArray().ToList() : [];
        var problems = new List<string>();
        foreach (var expected in names.Schedules)
        {
            var schedule = found.FirstOrDefault(s => Text(s, "Name") == expected);
            if (schedule.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{expected} is missing");
            }
            else if (Text(schedule, "State") is { } state && state != "ENABLED")
            {
                problems.Add($"{expected} is {state}");
            }
            else if (_functionArn is not null && schedule.TryGetProperty("Target", out var target) && Text(target, "Arn") is { } arn && arn != _functionArn)
            {
                problems.Add($"{expected} invokes {arn}, not {names.Function}");
            }
        }

        return problems.Count == 0
            ? CheckResult.Ok($"{names.Schedules.Count} schedules enabled in group {names.ScheduleGroup}")
            : CheckResult.Fail($"group {names.ScheduleGroup}: {string.Join("; ", problems)}. {Redeploy}");
    }

    private async Task<CheckResult> ParametersAsync(CancellationToken ct)
    {
        if (Ready() is { } skip)
        {
            return skip;
        }

        var names = _settings!.Names.Parameters;
        // Names and types only: the values are secrets and stay in AWS.
        var answer = await _cli!.CallAsync(["ssm", "get-parameters", "--names", .. names], ct);
        var found = answer.TryGetProperty("Parameters", out var parameters)
            ? parameters.EnumerateArray().ToDictionary(p => Text(p, "Name") ?? "", p => Text(p, "Type"), StringComparer.Ordinal)
            : [];
        var missing = names.Where(n => !found.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            return CheckResult.Fail($"missing: {string.Join(", ", missing)}. {Redeploy} (it creates them from schwab_app_key, schwab_secret and database_url)");
        }

        var plain = names.Where(n => found[n] != "SecureString").ToList();
        return plain.Count > 0
            ? CheckResult.Fail($"{string.Join(", ", plain)} should be SecureString. {Redeploy}")
            : CheckResult.Ok($"{string.Join(", ", names)} (SecureString)");
    }

    private async Task<CheckResult> AlarmsAsync(CancellationToken ct)
    {
        if (Ready() is { } skip)
        {
            return skip;
        }

        var names = _settings!.Names.Alarms;
        var answer = await _cli!.CallAsync(["cloudwatch", "describe-alarms", "--alarm-names", .. names], ct);
        var found = answer.TryGetProperty("MetricAlarms", out var alarms)
            ? alarms.EnumerateArray().Select(a => Text(a, "AlarmName")).ToHashSet(StringComparer.Ordinal)
            : [];
        var missing = names.Where(n => !found.Contains(n)).ToList();
        return missing.Count == 0
            ? CheckResult.Ok($"all {names.Count} alarms exist")
            : CheckResult.Fail($"missing: {string.Join(", ", missing)}. {Redeploy}");
    }

    private CheckResult? Ready() => _cli is null ? NeedsTfVars : !_signedIn ? NeedsCredentials : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The deployed token, read through the AWS CLI. Never written from here: the deployed
    /// function owns its refreshes (only one process may refresh a Schwab token).</summary>
    private sealed class DeployedTokenStore(AwsChecks checks) : ITokenStore
    {
        public string Describe => checks._settings is { } s
            ? s.TokenStore == DeploymentSettings.Ssm ? $"SSM parameter {s.Names.TokenParameter}" : $"secret {s.Names.TokenSecret}"
            : "the deployed token store";

        public async Task<string> LoadAsync(CancellationToken cancellationToken)
        {
            if (checks._cli is not { } cli || checks._settings is not { } settings || !checks._signedIn)
            {
                throw new InvalidOperationException("cannot read the deployed token without a readable terraform.tfvars and AWS credentials (see above)");
            }

            const string Upload = "Fix: upload it (docs/deployment.md, step 7 'Upload the Schwab token')";
            if (settings.TokenStore == DeploymentSettings.Ssm)
            {
                try
                {
                    var parameter = await cli.CallAsync(["ssm", "get-parameter", "--name", settings.Names.TokenParameter, "--with-decryption"], cancellationToken);
                    var value = parameter.GetProperty("Parameter").GetProperty("Value").GetString() ?? "";
                    if (value == SsmTokenStore.Placeholder)
                    {
                        // What Terraform writes at creation: the parameter exists, the token was never uploaded.
                        throw new AwsCliException($"the SSM parameter {settings.Names.TokenParameter} holds no token yet. {Upload}: " +
                            $"aws ssm put-parameter --name {settings.Names.TokenParameter} --type SecureString --overwrite --value file://backend/config/schwab_token.json");
                    }

                    return value;
                }
                catch (AwsCliException e) when (e.IsNotFound)
                {
                    throw new AwsCliException($"there is no SSM parameter {settings.Names.TokenParameter}. {Upload}");
                }
            }

            try
            {
                await cli.CallAsync(["secretsmanager", "describe-secret", "--secret-id", settings.Names.TokenSecret], cancellationToken);
            }
            catch (AwsCliException e) when (e.IsNotFound)
            {
                throw new AwsCliException($"there is no secret {settings.Names.TokenSecret} in {settings.Region}. {Redeploy}");
            }

            try
            {
                var secret = await cli.CallAsync(["secretsmanager", "get-secret-value", "--secret-id", settings.Names.TokenSecret], cancellationToken);
                return Text(secret, "SecretString") ?? "";
            }
            catch (AwsCliException e) when (e.IsNotFound)
            {
                throw new AwsCliException($"the secret {settings.Names.TokenSecret} has no value yet. {Upload}: " +
                    $"aws secretsmanager put-secret-value --secret-id {settings.Names.TokenSecret} --secret-string file://backend/config/schwab_token.json");
            }
        }

        public Task SaveAsync(string document, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("alphakite doctor never writes the deployed token");
    }
}
