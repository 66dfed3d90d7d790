package vn.gov.noivu.pakn.commons.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The service's pages ({@code pakn.pages.*}): where they live and what the shared layout calls them. A service without
 * {@code pakn.pages.prefix} has no pages: every failure stays problem+json.
 */
@ConfigMapping(prefix = "pakn.pages")
public interface PagesConfig {

    /** Path prefix of the pages, e.g. {@code /xa}; every failure under it is a Vietnamese HTML page. */
    Optional<String> prefix();

    /** The site's name in the header of the layout, e.g. "Cán bộ xã". */
    @WithDefault("Hệ thống phản ánh, kiến nghị")
    String siteName();

    /** Where "back to the start" goes (the pages' main list); the prefix when not set. */
    Optional<String> home();
}
