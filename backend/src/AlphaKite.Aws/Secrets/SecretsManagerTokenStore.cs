using AlphaKite.Aws.Json;
using AlphaKite.Core.Ports;

namespace AlphaKite.Aws.Secrets;

/// <summary>
/// The schwab-py token document in a Secrets Manager secret (production's token store). Read once
/// per cold start (the token provider caches it); written only after a real refresh, because every
/// put creates a secret version and AWS asks for at most one put every 10 minutes sustained.
/// </summary>
public sealed class SecretsManagerTokenStore : ITokenStore
{
    private readonly AwsJsonClient _client;
    private readonly string _secretId;

    /// <param name="client">A client for the "secretsmanager" service.</param>
    /// <param name="secretId">Name or ARN, e.g. "schwab-api-token-prod".</param>
    public SecretsManagerTokenStore(AwsJsonClient client, string secretId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretId);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _secretId = secretId;
    }

    public string Describe => $"secret {_secretId}";

    public async Task<string> LoadAsync(CancellationToken cancellationToken)
    {
        GetSecretValueResponse response;
        try
        {
            response = await _client.PostAsync(
                "secretsmanager.GetSecretValue", new GetSecretValueRequest(_secretId),
                AwsJsonContext.Default.GetSecretValueRequest, AwsJsonContext.Default.GetSecretValueResponse, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Type == "ResourceNotFoundException" && IsMissingValue(e))
        {
            throw new SecretUnavailableException(
                $"{Describe} exists but holds no token yet. Log in locally (`alphakite auth`), then upload the token file: {UploadCommand}", e);
        }
        catch (AwsServiceException e) when (e.Type == "ResourceNotFoundException")
        {
            throw new SecretUnavailableException(
                $"{Describe} does not exist in this account and region. Create it (`terraform -chdir=infrastructure apply` creates it, or "
                + $"`aws secretsmanager create-secret --name {_secretId}`), then upload the token file: {UploadCommand}", e);
        }

        return string.IsNullOrWhiteSpace(response.SecretString)
            ? throw new SecretUnavailableException(
                $"{Describe} has an empty or binary value instead of the token file's JSON. Upload the token file: {UploadCommand}")
            : response.SecretString;
    }

    public async Task SaveAsync(string document, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(document);

        // A fresh idempotency token per save: retries of this one HTTP call reuse it, so a retried
        // put cannot create two versions; the next refresh gets a new one.
        var request = new PutSecretValueRequest(_secretId, document, Guid.NewGuid().ToString());
        await _client.PostAsync(
            "secretsmanager.PutSecretValue", request,
            AwsJsonContext.Default.PutSecretValueRequest, AwsJsonContext.Default.PutSecretValueResponse, cancellationToken);
    }

    private string UploadCommand =>
        $"`aws secretsmanager put-secret-value --secret-id {_secretId} --secret-string file://backend/config/schwab_token.json`";

    // AWS and moto say "... can't find the specified secret value for staging label: AWSCURRENT"
    // when the secret exists without a version.
    private static bool IsMissingValue(AwsServiceException e) =>
        e.ServiceMessage.Contains("secret value", StringComparison.OrdinalIgnoreCase)
        || e.ServiceMessage.Contains("staging label", StringComparison.OrdinalIgnoreCase);
}
