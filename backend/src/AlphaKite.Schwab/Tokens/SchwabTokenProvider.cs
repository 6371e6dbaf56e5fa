using AlphaKite.Core.Ports;
using AlphaKite.Schwab.OAuth;

namespace AlphaKite.Schwab.Tokens;

/// <summary>
/// Hands out Schwab access tokens: loads the schwab-py document from the store once, refreshes
/// when <c>now &gt;= expires_at - 300 s</c> (or after a 401, while the rejected token is still the
/// current one), and saves each refreshed document. Concurrent callers share one refresh. Every save
/// has a time budget of its own; a save that fails or runs out of it costs no caller its token: it is
/// reported to <c>saveFailed</c>, the token stays in memory marked unsaved, and the next caller tries
/// the save again, until the store holds the same token as this process.
/// </summary>
public sealed class SchwabTokenProvider : IAccessTokenProvider, IDisposable
{
    /// <summary>Refresh this long before the access token expires (schwab-py uses the same margin).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(300);

    /// <summary>How long a save may take (a Secrets Manager put takes well under a second).</summary>
    public static readonly TimeSpan ResaveBudget = TimeSpan.FromSeconds(5);

    private readonly ITokenStore _store;
    private readonly SchwabOAuthClient _oauth;
    private readonly TimeProvider _time;
    private readonly Action<Exception>? _saveFailed;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile SchwabTokenFile? _current;
    private volatile bool _unsaved;
    private int _refreshCount;

    /// <param name="saveFailed">Told about each failed save (the composition root logs a warning).</param>
    public SchwabTokenProvider(ITokenStore store, SchwabOAuthClient oauth, TimeProvider time, Action<Exception>? saveFailed = null)
    {
        _saveFailed = saveFailed;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _oauth = oauth ?? throw new ArgumentNullException(nameof(oauth));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public int RefreshCount => Volatile.Read(ref _refreshCount);

    public TimeSpan? RefreshTokenLifeLeft => _current is { } file ? file.RefreshTokenExpiresAt - _time.GetUtcNow() : null;

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => GetAsync(rejected: null, cancellationToken);

    public Task<string> GetAccessTokenAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectedAccessToken);
        return GetAsync(rejectedAccessToken, cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> GetAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (_current is { } seen && !_unsaved && !NeedsRefresh(seen, rejected))
        {
            return seen.Token.AccessToken;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever held the gate before us may already have refreshed: then the token differs
            // from the rejected one (or is no longer due), and that refresh is ours too.
            var file = _current ??= SchwabTokenFile.Parse(await _store.LoadAsync(cancellationToken), _store.Describe);
            if (NeedsRefresh(file, rejected))
            {
                return (await RefreshAsync(file, cancellationToken)).Token.AccessToken;
            }

            if (_unsaved)
            {
                await TrySaveAsync(file, cancellationToken);
            }

            return file.Token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    // After a 401 only the token that was rejected is stale; a caller rejected on an older token
    // gets the current one without another POST (two POSTs would also mean two secret versions).
    private bool NeedsRefresh(SchwabTokenFile file, string? rejected) =>
        rejected is null ? IsDue(file) : string.Equals(file.Token.AccessToken, rejected, StringComparison.Ordinal);

    private bool IsDue(SchwabTokenFile file) => _time.GetUtcNow() >= file.Token.AccessTokenExpiresAt - RefreshMargin;

    // A refresh late in an invocation leaves the caller little time, and a store that is down must
    // not cost it a valid token (the tick would lose its minute): the save gets a budget of its own,
    // still ended by the caller's cancellation, and a failure is reported, not thrown. The token
    // stays unsaved and the next caller saves it again.
    private async Task TrySaveAsync(SchwabTokenFile file, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ResaveBudget);
        try
        {
            await _store.SaveAsync(file.ToJson(), budget.Token);
            _unsaved = false;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            _saveFailed?.Invoke(new TimeoutException(
                $"Saving the refreshed Schwab token to {_store.Describe} did not finish within {ResaveBudget.TotalSeconds:0} s; the next call tries again.", e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _saveFailed?.Invoke(new InvalidOperationException(
                $"Saving the refreshed Schwab token to {_store.Describe} failed; the token stays in memory and the next call tries again: {e.Message}", e));
        }
    }

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
            _unsaved = false;
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
        _unsaved = true;
        Interlocked.Increment(ref _refreshCount);
        await TrySaveAsync(refreshed, cancellationToken);
        return refreshed;
    }
}
