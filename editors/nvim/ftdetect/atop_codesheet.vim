" ATOP coding sheets. `set filetype` (not `setf`) so that `*.codesheet.txt` is not plain text.
autocmd BufRead,BufNewFile *.codesheet.txt,*.codesheet set filetype=atop-codesheet
