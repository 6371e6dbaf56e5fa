using System.Text;
using System.Text.Json;
using AlphaKite.Aws.Json;
using AlphaKite.Core.Ports;

namespace AlphaKite.Aws.Secrets;

/// <summary>
/// The schwab-py token document in an SSM SecureString parameter (token_store = "ssm"): the same
/// contract as <see cref="SecretsManagerTokenStore"/>. Read once per cold start, and again by the
/// token provider when a refresh is refused (a re-login upload reaches a warm process that way);
/// written only after a real refresh, each put a new parameter version (Parameter Store keeps the
/// last 100 and drops the oldest itself). Like the secret, a put simply overwrites: SSM has no
/// conditional put, so two processes refreshing at once leave the last writer's token, exactly as
/// with Secrets Manager (overlapping runs are rare: one run a minute, and Schwab keeps the older
/// access token valid until it expires).
/// </summary>
public sealed class SsmTokenStore : ITokenStore
{
    /// <summary>What Terraform writes at creation (SSM refuses an empty value): "no token uploaded
    /// yet". infrastructure/secrets.tf (local.token_placeholder) holds the same text.</summary>
    public const string Placeholder = "NO_TOKEN_UPLOADED_YET";

    /// <summary>A standard-tier parameter holds at most 4 KB.</summary>
    public const int MaxValueBytes = 4096;

    private readonly AwsJsonClient _client;
    private readonly string _name;

    /// <param name="client">A client for the "ssm" service.</param>
    /// <param name="name">The parameter's full name, e.g. "/alpha-kite/prod/schwab-token".</param>
    public SsmTokenStore(AwsJsonClient client, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _name = name;
    }

    public string Describe => $"SSM parameter {_name}";

    /// <summary>The command that uploads the token file, as the Terraform output prints it (without --region).</summary>
    public string UploadCommand =>
        $"`aws ssm put-parameter --name {_name} --type SecureString --overwrite --value file://backend/config/schwab_token.json`";

    public async Task<string> LoadAsync(CancellationToken cancellationToken)
    {
        GetParameterResponse response;
        try
        {
            response = await _client.PostAsync(
                "AmazonSSM.GetParameter", new GetParameterRequest(_name, WithDecryption: true),
                AwsJsonContext.Default.GetParameterRequest, AwsJsonContext.Default.GetParameterResponse, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Type == "ParameterNotFound")
        {
            throw new SecretUnavailableException(
                $"{Describe} does not exist in this account and region. Create it with `terraform -chdir=infrastructure apply` "
                + $"(token_store = \"ssm\"), or upload the token file, which creates it: {UploadCommand}", e);
        }

        var value = response.Parameter?.Value;
        if (string.Equals(value?.Trim(), Placeholder, StringComparison.Ordinal))
        {
            throw new SecretUnavailableException(
                $"{Describe} exists but holds no token yet. Log in locally (`alphakite auth`), then upload the token file: {UploadCommand}");
        }

        return string.IsNullOrWhiteSpace(value)
            ? throw new SecretUnavailableException($"{Describe} has an empty value instead of the token file's JSON. Upload the token file: {UploadCommand}")
            : value;
    }

    public async Task SaveAsync(string document, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(document);
        var bytes = Encoding.UTF8.GetByteCount(document);
        if (bytes > MaxValueBytes)
        {
            // Checked here, not left to SSM: its error could quote the value.
            throw new SecretUnavailableException(
                $"The token file is {bytes} bytes; {Describe} (standard tier) holds at most {MaxValueBytes}. "
                + "Use token_store = \"secretsmanager\" (up to 64 KB) in infrastructure/terraform.tfvars.");
        }

        // No idempotency token in PutParameter: a retried put whose first answer was lost adds one
        // more version with the same value, which is harmless.
        var request = new PutParameterRequest(_name, document, "SecureString", Overwrite: true);
        try
        {
            await _client.PostAsync(
                "AmazonSSM.PutParameter", request,
                AwsJsonContext.Default.PutParameterRequest, AwsJsonContext.Default.PutParameterResponse, cancellationToken);
        }
        catch (AwsServiceException e) when (Quotes(e.ServiceMessage, document))
        {
            // Validation errors may echo the value: keep the error, never the token.
            throw new AwsServiceException(e.Type, Without(e.ServiceMessage, document), e.StatusCode, e.Operation);
        }
    }

    private static bool Quotes(string message, string document) =>
        message.Contains(document, StringComparison.Ordinal) || message.Contains(Escaped(document), StringComparison.Ordinal);

    private static string Without(string message, string document) =>
        message.Replace(document, "[token]", StringComparison.Ordinal).Replace(Escaped(document), "[token]", StringComparison.Ordinal);

    private static string Escaped(string document) => JsonEncodedText.Encode(document).ToString();
}
