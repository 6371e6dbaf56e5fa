using System.Text.Json.Serialization;

namespace AlphaKite.Aws.Json;

internal sealed record GetSecretValueRequest(string SecretId);

internal sealed record GetSecretValueResponse(string? ARN, string? Name, string? VersionId, string? SecretString);

internal sealed record PutSecretValueRequest(string SecretId, string SecretString, string ClientRequestToken);

internal sealed record PutSecretValueResponse(string? ARN, string? Name, string? VersionId);

internal sealed record GetParametersRequest(IReadOnlyList<string> Names, bool WithDecryption);

internal sealed record SsmParameter(string Name, string? Value, string? Type);

internal sealed record GetParametersResponse(IReadOnlyList<SsmParameter>? Parameters, IReadOnlyList<string>? InvalidParameters);

internal sealed record GetParameterRequest(string Name, bool WithDecryption);

internal sealed record GetParameterResponse(SsmParameterVersion? Parameter);

internal sealed record SsmParameterVersion(string Name, string? Value, string? Type, long Version);

internal sealed record PutParameterRequest(string Name, string Value, string Type, bool Overwrite);

internal sealed record PutParameterResponse(long Version, string? Tier);

/// <summary>Source-generated (Native AOT) serialization of the AWS requests and responses we use.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(PutSecretValueRequest))]
[JsonSerializable(typeof(PutSecretValueResponse))]
[JsonSerializable(typeof(GetParametersRequest))]
[JsonSerializable(typeof(GetParametersResponse))]
[JsonSerializable(typeof(GetParameterRequest))]
[JsonSerializable(typeof(GetParameterResponse))]
[JsonSerializable(typeof(PutParameterRequest))]
[JsonSerializable(typeof(PutParameterResponse))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
