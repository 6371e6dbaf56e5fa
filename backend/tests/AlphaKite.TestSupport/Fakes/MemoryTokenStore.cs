using AlphaKite.Core.Ports;

namespace AlphaKite.TestSupport;

/// <summary>An in-memory token store for the provider's pure logic; records every save.</summary>
public sealed class MemoryTokenStore(string document) : ITokenStore
{
    private readonly List<string> _saves = [];

    public string Describe => "memory";

    public IReadOnlyList<string> Saves
    {
        get
        {
            lock (_saves)
            {
                return [.. _saves];
            }
        }
    }

    public int Loads { get; private set; }

    /// <summary>What the next load returns: the last save, or a document "uploaded" by a test.</summary>
    public string Document { get; set; } = document;

    public Task<string> LoadAsync(CancellationToken cancellationToken)
    {
        Loads++;
        return Task.FromResult(Document);
    }

    /// <summary>The next N saves throw (a store outage), saving nothing.</summary>
    public int FailingSaves { get; set; }

    /// <summary>The next save is cancelled (the caller's deadline ran out mid-save), saving nothing.</summary>
    public bool CancelNextSave { get; set; }

    public Task SaveAsync(string document, CancellationToken cancellationToken)
    {
        if (CancelNextSave)
        {
            CancelNextSave = false;
            return Task.FromCanceled(new CancellationToken(canceled: true));
        }

        if (FailingSaves > 0)
        {
            FailingSaves--;
            return Task.FromException(new IOException("the store is down"));
        }

        lock (_saves)
        {
            _saves.Add(document);
            Document = document;
        }

        return Task.CompletedTask;
    }
}
