namespace AlphaKite.Core.Market;

/// <summary>Why a candle from the API was not stored. Every drop is counted and reported.</summary>
public enum DropReason
{
    OutsideWindow,
    Duplicate,
    AllZero,
    Impossible,
    NotFinal,
}
