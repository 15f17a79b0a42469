namespace RedisLite.Collections;

/// <summary>
/// What ZUNION, ZINTER, ZDIFF and ZINTERCARD need from a plain set given as an input (its members score 1, as in
/// Redis). The set family's value class implements it.
/// </summary>
internal interface IMemberSet
{
    /// <summary>Gets the number of members.</summary>
    int MemberCount { get; }

    /// <summary>Tells whether <paramref name="member"/> is in the set.</summary>
    /// <param name="member">The member.</param>
    /// <returns>Whether it is present.</returns>
    bool ContainsMember(ReadOnlySpan<byte> member);

    /// <summary>Appends every member (immutable arrays the caller may keep) to <paramref name="into"/>.</summary>
    /// <param name="into">The list to fill.</param>
    void CopyMembersTo(List<byte[]> into);
}
