namespace AlphaKite.Aws.Json;

/// <summary>An AWS service answered with an error. <see cref="Type"/> is the error code without any
/// namespace prefix ("ResourceNotFoundException"): branch on it, not on the status code (AWS and
/// moto disagree on status codes).</summary>
public sealed class AwsServiceException(string type, string serviceMessage, int statusCode, string operation, Exception? inner = null)
    : Exception($"{operation} failed: {type} (HTTP {statusCode}): {serviceMessage}{Hint(type)}", inner)
{
    public string Type { get; } = type;

    /// <summary>The service's own message, unchanged.</summary>
    public string ServiceMessage { get; } = serviceMessage;

    public int StatusCode { get; } = statusCode;

    /// <summary>The X-Amz-Target, e.g. "secretsmanager.GetSecretValue".</summary>
    public string Operation { get; } = operation;

    /// <summary>Throttling and server-side failures: worth another try.</summary>
    public bool IsTransient =>
        StatusCode >= 500 || StatusCode == 429
        || Type is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded"
            or "ThrottledException" or "ServiceUnavailable" or "InternalServiceError" or "InternalFailure" or "InternalServerError";

    private static string Hint(string type) => type switch
    {
        "AccessDeniedException" or "AccessDenied" =>
            ". The caller's IAM policy does not allow this action on this resource: check the function role (infrastructure/iam.tf).",
        "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException" or "IncompleteSignature" =>
            ". The AWS credentials were rejected: check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN and the clock.",
        "KMSAccessDeniedException" or "AccessDeniedForDependencyException" =>
            ". The role may not use the KMS key that encrypts this value: allow kms:Decrypt on it.",
        _ => "",
    };
}
