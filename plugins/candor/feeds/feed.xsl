<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<html lang=$lang>
<head>
<meta http-equiv="Content-Security-Policy" content=$policy/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="color-scheme" content="light dark"/>
<title><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/> · feed</title>
<link rel="stylesheet" href=$css/>
</head>
<body>
<header class="site-header"><p class="site-name"><a href=$home>$name</a></p></header>
<main id="content" class="feed-preview">
<h1><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/></h1>
<p><xsl:value-of select="atom:feed/atom:subtitle | rss/channel/description"/></p>
<section aria-labelledby="follow">
<h2 id="follow">This page is a feed</h2>
<p>A feed lets a feed reader (an app or website such as NetNewsWire, Feedly or
Thunderbird) tell you when something new is posted here, without an account or an email.
To follow it, copy the address of this page from your browser’s address bar and add it in
your feed reader.</p>
<p><a href=$feeds_page>Every feed of this site, and how to follow them</a></p>
</section>
<section aria-labelledby="entries">
<h2 id="entries">Newest entries</h2>
<xsl:choose>
<xsl:when test="atom:feed/atom:entry | rss/channel/item">
<ul class="feed-entries">
<xsl:for-each select="atom:feed/atom:entry | rss/channel/item">
<li><a href="{atom:link[@rel='alternate']/@href | link}"><xsl:value-of select="atom:title | title"/></a>
<xsl:text> · </xsl:text>
<xsl:choose>
<xsl:when test="atom:published"><time datetime="{atom:published}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time></xsl:when>
<xsl:when test="atom:updated"><time datetime="{atom:updated}"><xsl:value-of select="substring(atom:updated, 1, 10)"/></time></xsl:when>
<xsl:otherwise><xsl:value-of select="substring(pubDate, 1, 16)"/></xsl:otherwise>
</xsl:choose>
</li>
</xsl:for-each>
</ul>
</xsl:when>
<xsl:otherwise><p>Nothing here yet.</p></xsl:otherwise>
</xsl:choose>
</section>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
