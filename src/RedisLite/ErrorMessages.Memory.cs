namespace RedisLite;

public static partial class ErrorMessages
{
    /// <summary>A write that may add data while the store is over <see cref="RedisLiteOptions.MaxMemory"/> and nothing
    /// can be evicted (the <c>noeviction</c> policy, or a <c>volatile-*</c> policy with no key that has a TTL).</summary>
    public const string OutOfMemory = "OOM command not allowed when used memory > 'maxmemory'.";

    /// <summary>EXEC of a transaction holding a write that may add data, when the store is over its limit and nothing
    /// can be evicted at that moment.</summary>
    public const string ExecAbortOutOfMemory = "EXECABORT Transaction discarded because of: " + OutOfMemory;

    /// <summary>OBJECT FREQ when the policy is not an LFU one.</summary>
    public const string LfuNotSelected = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    /// <summary>OBJECT IDLETIME when the policy is an LFU one.</summary>
    public const string LfuSelected = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
}
