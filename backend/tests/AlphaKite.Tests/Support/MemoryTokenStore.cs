using AlphaKite.Core.Ports;

namespace AlphaKite.Tests.Support;

/// <summary>An in-memory token store for the provider's pure logic; records every save.</summary>
internal sealed class MemoryTokenStore(string document) : ITokenStore
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

    public Task SaveAsync(string document, CancellationToken cancellationToken)
    {
        lock (_saves)
        {
            _saves.Add(document);
            Document = document;
        }

        return Task.CompletedTask;
    }
}
