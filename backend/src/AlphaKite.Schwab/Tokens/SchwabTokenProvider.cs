using AlphaKite.Core.Ports;
using AlphaKite.Schwab.OAuth;

namespace AlphaKite.Schwab.Tokens;

/// <summary>
/// Hands out Schwab access tokens: loads the schwab-py document from the store once, refreshes
/// when <c>now &gt;= expires_at - 300 s</c> (or when forced after a 401), and saves each refreshed
/// document exactly once. Concurrent callers share one refresh.
/// </summary>
public sealed class SchwabTokenProvider : IAccessTokenProvider, IDisposable
{
    /// <summary>Refresh this long before the access token expires (schwab-py uses the same margin).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(300);

    private readonly ITokenStore _store;
    private readonly SchwabOAuthClient _oauth;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile SchwabTokenFile? _current;
    private int _refreshCount;

    public SchwabTokenProvider(ITokenStore store, SchwabOAuthClient oauth, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _oauth = oauth ?? throw new ArgumentNullException(nameof(oauth));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public int RefreshCount => Volatile.Read(ref _refreshCount);

    public TimeSpan? RefreshTokenLifeLeft => _current is { } file ? file.RefreshTokenExpiresAt - _time.GetUtcNow() : null;

    public async Task<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var seen = _current;
        if (!forceRefresh && seen is not null && !IsDue(seen))
        {
            return seen.Token.AccessToken;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var file = _current ??= SchwabTokenFile.Parse(await _store.LoadAsync(cancellationToken), _store.Describe);
            // Whoever held the gate before us may already have refreshed: that refresh is ours too.
            var refreshedMeanwhile = seen is not null && !ReferenceEquals(seen, file);
            if (refreshedMeanwhile || !(forceRefresh || IsDue(file)))
            {
                return file.Token.AccessToken;
            }

            var refreshed = await RefreshAsync(file, cancellationToken);
            return refreshed.Token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool IsDue(SchwabTokenFile file) => _time.GetUtcNow() >= file.Token.AccessTokenExpiresAt - RefreshMargin;

    private async Task<SchwabTokenFile> RefreshAsync(SchwabTokenFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await RefreshWithAsync(file, cancellationToken);
        }
        catch (ReauthenticationRequiredException)
        {
            // The weekly login replaces the stored document while a warm process still holds the
            // old one, whose refresh token the new login invalidated. Read the store once more
            // before giving up, so an upload is picked up without a cold start.
            var stored = SchwabTokenFile.Parse(await _store.LoadAsync(cancellationToken), _store.Describe);
            if (stored.Token.RefreshToken == file.Token.RefreshToken)
            {
                throw;
            }

            _current = stored;
            return IsDue(stored) ? await RefreshWithAsync(stored, cancellationToken) : stored;
        }
    }

    private async Task<SchwabTokenFile> RefreshWithAsync(SchwabTokenFile file, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now >= file.RefreshTokenExpiresAt)
        {
            throw new ReauthenticationRequiredException(
                ReauthReason.RefreshTokenExpired,
                $"The Schwab refresh token in {_store.Describe} expired at {file.RefreshTokenExpiresAt:u} " +
                $"(7 days after the login at {file.CreatedAt:u}). {ReauthenticationRequiredException.LoginAgain}");
        }

        var response = await _oauth.RefreshAsync(file.Token.RefreshToken, cancellationToken);
        var refreshed = file.WithRefresh(response, _time.GetUtcNow());
        // Keep the new token even if saving fails: it is valid, and the old refresh token may not be.
        _current = refreshed;
        Interlocked.Increment(ref _refreshCount);
        await _store.SaveAsync(refreshed.ToJson(), cancellationToken);
        return refreshed;
    }
}
