using AlphaKite.Aws.Json;

namespace AlphaKite.Aws.Secrets;

/// <summary>SSM Parameter Store SecureString parameters (the app key and secret, the database URL):
/// decrypted at read, fetched once per cold start, never placed in environment variables.</summary>
public sealed class ParameterStore(AwsJsonClient client)
{
    // GetParameters accepts at most 10 names per call.
    private const int MaxNamesPerCall = 10;
    private readonly AwsJsonClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The decrypted values by full name. Throws <see cref="SecretUnavailableException"/>
    /// naming every parameter that does not exist.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(MaxNamesPerCall))
        {
            var response = await _client.PostAsync(
                "AmazonSSM.GetParameters", new GetParametersRequest(chunk, WithDecryption: true),
                AwsJsonContext.Default.GetParametersRequest, AwsJsonContext.Default.GetParametersResponse, cancellationToken);
            foreach (var parameter in response.Parameters ?? [])
            {
                if (string.IsNullOrEmpty(parameter.Value))
                {
                    missing.Add(parameter.Name);
                }
                else
                {
                    values[parameter.Name] = parameter.Value;
                }
            }

            missing.AddRange(response.InvalidParameters ?? []);
        }

        missing.AddRange(names.Where(n => !values.ContainsKey(n) && !missing.Contains(n)));
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Distinct());
            throw new SecretUnavailableException(
                $"SSM parameters not found: {list}. Create each with "
                + $"`aws ssm put-parameter --type SecureString --name {missing[0]} --value '...'` (or set them in terraform.tfvars and apply).");
        }

        return values;
    }
}
