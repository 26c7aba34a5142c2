# Fills the English plural forms of bulkmail_en.ts from the "%n message(s)" source texts, after
# `cmake --build build --target update_translations`. English is the source language; this file
# only exists so that "1 message" and "2 messages" read right.
import re, html
p='resources/translations/bulkmail_en.ts'
s=open(p,encoding='utf-8').read()
def forms(src):
    one=re.sub(r'(\w+)y\(ies\)', r'\1y', src)
    one=re.sub(r'(\w+)\((?:s|es)\)', r'\1', one)
    other=re.sub(r'(\w+)y\(ies\)', r'\1ies', src)
    other=re.sub(r'(\w+)\(es\)', r'\1es', other)
    other=re.sub(r'(\w+)\(s\)', r'\1s', other)
    # verb agreement for the few sentences that have one
    one=one.replace('older line are','older line is')
    one=one.replace('folder match no','folder matches no')
    return one, other
def repl(m):
    src=m.group(1)
    one,other=forms(src)
    return ('<message numerus="yes">\n        <source>%s</source>\n        <translation>\n'
            '            <numerusform>%s</numerusform>\n            <numerusform>%s</numerusform>\n'
            '        </translation>' % (src, one, other))
s=re.sub(r'<message numerus="yes">\s*<source>(.*?)</source>\s*<translation[^>]*>.*?</translation>', repl, s, flags=re.S)
open(p,'w',encoding='utf-8').write(s)
