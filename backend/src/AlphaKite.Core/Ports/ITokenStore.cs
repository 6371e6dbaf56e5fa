namespace AlphaKite.Core.Ports;

/// <summary>Where the OAuth token document (the schwab-py token file's JSON) lives: a file, or a secret.</summary>
public interface ITokenStore
{
    /// <summary>A human-readable location for error messages ("backend/config/schwab_token.json", "secret schwab-api-token-prod").</summary>
    string Describe { get; }

    Task<string> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(string document, CancellationToken cancellationToken);
}
