package io.jansuite.catalog.adminapi;

import java.util.List;

/** A provider sync: the provider, how many models were new, and all its models now. */
public record SyncResult(ProviderView provider, int imported, List<ProviderModelView> models) {
}
